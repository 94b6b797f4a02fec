import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  pid: number;
  logs: () => string;
  stop: () => Promise<void>;
  /** SIGKILL to the whole process group (the server and any ffmpeg it runs), as a container kill would. */
  kill: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Starts the built app (`next start`) on a free port with its own DATA_DIR, after real `prisma migrate deploy`. */
export async function startApp(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("Build the app first (npm run build).");
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-app-"));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", WORKER_POLL_MS: "200", NEXT_MANUAL_SIG_HANDLE: "true", ...env };
  delete childEnv.DATABASE_URL;
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: childEnv, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed: ${migrate.stderr}`);
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so kill() takes ffmpeg children down with it
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${output}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the app did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    pid: child.pid ?? 0,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    },
  };
}

/** Every file under a directory, relative to it (to prove a refused request wrote nothing). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.filter((f) => !/^storyreel\.db/.test(f)).sort();
}
