import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  /** The owner's personal API token and session cookie (absent when started with `owner: false`). */
  token: string;
  cookie: string;
  /** `Authorization: Bearer <token>`, for a plain fetch. */
  auth: Record<string, string>;
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
    // Tests start many jobs at once; the limits have their own test.
    MAX_ACTIVE_JOBS_PER_USER: "100",
    JOBS_PER_MINUTE: "1000",
    REGENERATIONS_PER_MINUTE: "1000",
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
  /** `host`: the address the server listens on (HOST); the tests still connect to 127.0.0.1. */
  options: { dataDir?: string; port?: number; owner?: boolean; host?: string } = {},
): Promise<RunningApp> {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("Build the app first (npm run build).");
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-app-"));
  const childEnv = appEnv(dataDir, env);
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: childEnv, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed: ${migrate.stderr}`);
  const port = options.port ?? (await freePort());
  const group = spawnGroup(["--import", "tsx", "lib/cli/serve.ts"], {
    ...childEnv,
    PORT: String(port),
    HOST: options.host ?? "127.0.0.1",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil(
    group,
    () =>
      fetch(`${baseUrl}/api/health`)
        .then((r) => r.ok)
        .catch(() => false),
    "app",
  );
  const { token, cookie } = options.owner === false ? { token: "", cookie: "" } : await signInOwner(baseUrl);
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return { baseUrl, dataDir, token, cookie, auth, pid: group.pid, logs: group.logs, stop: group.stop, kill: group.kill };
}

export const OWNER = { name: "Test Owner", email: "owner@storyreel.test", password: "test owner password" };

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

/** Through the real routes: the owner's account on a fresh data directory (sign-in on a reused one), and a token. */
export async function signInOwner(baseUrl: string, who = OWNER): Promise<{ token: string; cookie: string }> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl, ...headers },
      body: JSON.stringify(body),
    });
  let session = await post("/api/setup", who);
  if (session.status === 409) session = await post("/api/auth/sign-in/email", { email: who.email, password: who.password });
  if (!session.ok) throw new Error(`could not sign in the owner: ${session.status} ${await session.text()}`);
  const cookie = cookieOf(session);
  const made = await post("/api/tokens", { name: "tests" }, { Cookie: cookie });
  if (!made.ok) throw new Error(`could not make a token: ${made.status} ${await made.text()}`);
  return { token: ((await made.json()) as { token: string }).token, cookie };
}

export type RunningWorker = Omit<RunningApp, "baseUrl" | "token" | "cookie" | "auth">;

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
