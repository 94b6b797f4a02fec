import Database from "better-sqlite3";
import { getEnv } from "@/lib/env";

/**
 * A read-only connection of its own for the job poll's one lookup. A Prisma query costs about a millisecond of
 * CPU here (its query planning, not SQLite), which made the 304 cost twice the rest of the request; a prepared
 * statement costs microseconds. Being a connection of its own it sees committed rows only, and a poll never waits
 * behind a runner's open transaction. Null when the database is not a local SQLite file (the seam for another
 * database: callers fall back to Prisma).
 */
export interface PolledJobRow {
  id: string;
  version: number;
  userId: string;
  status: string;
  createdAt: Date;
  leaseExpiresAt: Date | null;
}

const globalForHotRead = globalThis as unknown as { storyreelHotRead?: { select: Database.Statement } | null };

function open(): { select: Database.Statement } | null {
  const url = getEnv().databaseUrl;
  if (!url.startsWith("file:")) return null;
  try {
    const db = new Database(url.slice(5), { readonly: true, fileMustExist: true });
    return { select: db.prepare("SELECT id, version, userId, status, createdAt, leaseExpiresAt FROM Job WHERE id = ?") };
  } catch {
    return null;
  }
}

/** The job's row as the poll needs it; undefined when there is no such job; null when this path is not available. */
export function readPolledJob(jobId: string): PolledJobRow | undefined | null {
  if (globalForHotRead.storyreelHotRead === undefined) globalForHotRead.storyreelHotRead = open();
  const hot = globalForHotRead.storyreelHotRead;
  if (!hot) return null;
  let row:
    { id: string; version: number; userId: string; status: string; createdAt: string; leaseExpiresAt: string | null } | undefined;
  try {
    row = hot.select.get(jobId) as typeof row;
  } catch {
    return null;
  }
  if (!row) return undefined;
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    leaseExpiresAt: row.leaseExpiresAt === null ? null : new Date(row.leaseExpiresAt),
  };
}
