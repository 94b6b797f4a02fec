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

interface ProcessGroup {
  child: ChildProcess;
  pid: number;
  logs: () => string;
  stop: () => Promise<void>;
  kill: () => Promise<void>;
}

/** A child in its own process group, so kill() takes its ffmpeg children down with it. */
function spawnGroup(args: string[], env: NodeJS.ProcessEnv): ProcessGroup {
  let output = "";
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return {
    child,
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

function appEnv(dataDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    WORKER_POLL_MS: "200",
    ...env,
  };
  delete childEnv.DATABASE_URL;
  return childEnv;
}

async function waitUntil(group: ProcessGroup, ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (group.child.exitCode !== null) throw new Error(`the ${what} exited early:\n${group.logs()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`the ${what} did not become ready:\n${group.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the built app (`npm start`'s server) on a free port with its own DATA_DIR, after real `prisma migrate deploy`. */
export async function startApp(
  env: Record<string, string> = {},
  options: { dataDir?: string; port?: number } = {},
): Promise<RunningApp> {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("Build the app first (npm run build).");
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-app-"));
  const childEnv = appEnv(dataDir, env);
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: childEnv, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed: ${migrate.stderr}`);
  const port = options.port ?? (await freePort());
  const group = spawnGroup(["--import", "tsx", "lib/cli/serve.ts"], { ...childEnv, PORT: String(port), HOST: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil(
    group,
    () =>
      fetch(`${baseUrl}/api/health`)
        .then((r) => r.ok)
        .catch(() => false),
    "app",
  );
  return { baseUrl, dataDir, pid: group.pid, logs: group.logs, stop: group.stop, kill: group.kill };
}

export type RunningWorker = Omit<RunningApp, "baseUrl">;

/** `npm run worker` on an app's DATA_DIR (already migrated by startApp). */
export async function startWorker(dataDir: string, env: Record<string, string> = {}): Promise<RunningWorker> {
  const group = spawnGroup(["--import", "tsx", "lib/cli/worker.ts"], appEnv(dataDir, env));
  await waitUntil(group, async () => group.logs().includes("job runner started"), "worker");
  return { dataDir, pid: group.pid, logs: group.logs, stop: group.stop, kill: group.kill };
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
