import path from "node:path";

type EnvLike = Record<string, string | undefined>;

export function resolveDataDir(env: EnvLike): string {
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || "./data");
}

/** DATABASE_URL wins; otherwise the SQLite file lives inside DATA_DIR. */
export function resolveDatabaseUrl(env: EnvLike): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return `file:${path.join(resolveDataDir(env), "storyreel.db")}`;
}
