import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { knownMigrations } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { ffmpegPath, ffprobePath } from "@/lib/media/binaries";
import { runProcess } from "@/lib/media/run-process";

/**
 * Readiness (`/api/health?ready=1`): can this process make a video now? Liveness (`/api/health`) only says the
 * process answers; a load balancer sends work here only once this is ready.
 */
export type Check = { ok: true } | { ok: false; problem: string };

export interface Readiness {
  ready: boolean;
  checks: { database: Check; storage: Check; ffmpeg: Check };
}

const ok: Check = { ok: true };
const failed = (problem: string): Check => ({ ok: false, problem });
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
const BINARY_TIMEOUT_MS = 5000;

/** Reachable, and every migration this version carries is applied (none pending, none failed). */
export async function checkDatabase(): Promise<Check> {
  let applied: { migration_name: string }[];
  try {
    applied = await getDb().$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
  } catch (error) {
    return failed(`The database cannot be read: ${reason(error)}`);
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = knownMigrations().filter((name) => !done.has(name));
  if (pending.length > 0) return failed(`The database is missing ${pending.length} migrations (${pending.join(", ")}).`);
  return ok;
}

/** A file is written, read back and removed where media is kept: W_OK alone says nothing about a full disk. */
export async function checkStorage(dir: string = getEnv().dataDir): Promise<Check> {
  const probe = path.join(dir, `.ready-${process.pid}-${randomBytes(4).toString("hex")}`);
  const content = randomBytes(16).toString("hex");
  try {
    await fsp.writeFile(probe, content, { flag: "wx" });
    if ((await fsp.readFile(probe, "utf8")) !== content) return failed("Storage returned other bytes than were written.");
    return ok;
  } catch (error) {
    return failed(`Storage (DATA_DIR) cannot be written: ${reason(error)}`);
  } finally {
    await fsp.rm(probe, { force: true }).catch(() => undefined);
  }
}

async function runsVersion(name: string, locate: () => string, timeoutMs: number): Promise<string | null> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await runProcess(locate(), ["-version"], timeout);
    return null;
  } catch (error) {
    return `${name} does not run: ${timeout.aborted ? `no answer in ${timeoutMs / 1000} s` : reason(error)}`;
  }
}

/** Each binary answers `-version` (a missing file, a wrong platform's build or a hung one all fail here). */
export async function checkFfmpeg(
  binaries: Record<string, () => string> = { ffmpeg: ffmpegPath, ffprobe: ffprobePath },
  timeoutMs = BINARY_TIMEOUT_MS,
): Promise<Check> {
  const answers = await Promise.all(Object.entries(binaries).map(([name, locate]) => runsVersion(name, locate, timeoutMs)));
  const problems = answers.filter((problem) => problem !== null);
  return problems.length > 0 ? failed(`${problems.join("; ")}.`) : ok;
}

export async function checkReadiness(): Promise<Readiness> {
  const [database, storage, ffmpeg] = await Promise.all([checkDatabase(), checkStorage(), checkFfmpeg()]);
  return { ready: database.ok && storage.ok && ffmpeg.ok, checks: { database, storage, ffmpeg } };
}
