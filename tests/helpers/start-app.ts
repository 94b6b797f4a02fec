import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { cookieOf } from "./account-http";

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

/**
 * A child in its own process group, so kill() takes its ffmpeg children down with it. `npm run` children get
 * their signals as a terminal's Ctrl-C would send them: to the whole group (npm does not pass SIGTERM on).
 */
function spawnGroup(args: string[], env: NodeJS.ProcessEnv, command = process.execPath): ProcessGroup {
  let output = "";
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (name: NodeJS.Signals) => {
    if (command !== "npm") return void child.kill(name);
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group has already gone.
    }
  };
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return {
    child,
    pid: child.pid ?? 0,
    logs: () => output,
    stop: async () => {
      if (exited()) return;
      const exit = new Promise((r) => child.once("exit", r));
      signal("SIGTERM");
      await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited()) signal("SIGKILL");
    },
    kill: async () => {
      if (exited()) return;
      const exit = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGKILL");
      await exit;
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

/** Starts the built app (`npm start`'s server, which migrates its database first) on a free port with its own DATA_DIR. */
export async function startApp(
  env: Record<string, string> = {},
  /** `host`: the address the server listens on (HOST); the tests still connect to 127.0.0.1. */
  options: { dataDir?: string; port?: number; owner?: boolean; host?: string; npmStart?: boolean } = {},
): Promise<RunningApp> {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("Build the app first (npm run build).");
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-app-"));
  const childEnv = appEnv(dataDir, env);
  const port = options.port ?? (await freePort());
  const serverEnv = { ...childEnv, PORT: String(port), HOST: options.host ?? "127.0.0.1" };
  const group = options.npmStart
    ? spawnGroup(["start", "--silent"], serverEnv, "npm")
    : spawnGroup(["--import", "tsx", "lib/cli/serve.ts"], serverEnv);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil(
    group,
    () =>
      fetch(`${baseUrl}/api/health`)
        .then((r) => r.ok)
        .catch(() => false),
    "app",
  );
  // A studio that others can reach asks for the setup code it printed; the test reads it off the console.
  const setupCode = /setup code: ([A-Z0-9-]+)/.exec(group.logs())?.[1];
  const { token, cookie } = options.owner === false ? { token: "", cookie: "" } : await signInOwner(baseUrl, OWNER, setupCode);
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return { baseUrl, dataDir, token, cookie, auth, pid: group.pid, logs: group.logs, stop: group.stop, kill: group.kill };
}

export const OWNER = { name: "Test Owner", email: "owner@storyreel.test", password: "test owner password" };

/** Through the real routes: the owner's account on a fresh data directory (sign-in on a reused one), and a token. */
export async function signInOwner(baseUrl: string, who = OWNER, setupCode?: string): Promise<{ token: string; cookie: string }> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl, ...headers },
      body: JSON.stringify(body),
    });
  let session = await post("/api/setup", setupCode ? { ...who, setupCode } : who);
  if (session.status === 409) session = await post("/api/auth/sign-in/email", { email: who.email, password: who.password });
  if (!session.ok) throw new Error(`could not sign in the owner: ${session.status} ${await session.text()}`);
  const cookie = cookieOf(session);
  const made = await post("/api/tokens", { name: "tests" }, { Cookie: cookie });
  if (!made.ok) throw new Error(`could not make a token: ${made.status} ${await made.text()}`);
  return { token: ((await made.json()) as { token: string }).token, cookie };
}

export type RunningWorker = Omit<RunningApp, "baseUrl" | "token" | "cookie" | "auth">;

/**
 * The worker (`lib/cli/worker.ts`, which migrates the database itself) on an app's DATA_DIR; with `npm`, started as
 * an operator does, `npm run worker` (whose pid is then npm's, not the worker's).
 */
export async function startWorker(
  dataDir: string,
  env: Record<string, string> = {},
  options: { npm?: boolean } = {},
): Promise<RunningWorker> {
  const group = options.npm
    ? spawnGroup(["run", "--silent", "worker"], appEnv(dataDir, env), "npm")
    : spawnGroup(["--import", "tsx", "lib/cli/worker.ts"], appEnv(dataDir, env));
  await waitUntil(group, async () => group.logs().includes("job runner started"), "worker");
  return { dataDir, pid: group.pid, logs: group.logs, stop: group.stop, kill: group.kill };
}

/**
 * `npm run <script> -- <args>` to its end beside the app, as an operator runs it in a second terminal. Not spawnSync:
 * a blocked event loop lets pooled keep-alive sockets go stale, and the next fetch then fails.
 */
export function runScript(
  dataDir: string,
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { env: appEnv(dataDir, env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
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
