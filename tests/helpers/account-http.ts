import { execFile } from "node:child_process";

// What the accounts tests send: the studio's JSON routes as a browser page would call them, and the shell commands.

/** The session cookies an answer set, as a browser would send them back. */
export const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

/** A request with a JSON body (when given) and the studio's own Origin: a browser sends it on every POST. */
export function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const init: RequestInit = {
    method,
    redirect: "manual",
    headers: { ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}), Origin: base, ...options.headers },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  };
  return fetch(`${base}${path}`, init).catch((error: unknown) => {
    throw new Error(`${method} ${base}${path} ${JSON.stringify(init.headers)}: ${(error as Error).cause ?? error}`);
  });
}

/** A shell command (`npx tsx <file> ...`) on an app's data, run without blocking (a blocked loop misses idle closes). */
export function cli(dataDir: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile("npx", ["tsx", ...args], { env, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
