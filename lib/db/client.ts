import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { getEnv } from "@/lib/env";

export type Db = PrismaClient;

// Next.js may evaluate this module more than once per process: keep one client.
const globalForDb = globalThis as unknown as { storyreelDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (globalForDb.storyreelDb) return globalForDb.storyreelDb;
  const url = getEnv().databaseUrl;
  if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  // A busy timeout lets a second writer wait for the lock instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  globalForDb.storyreelDb = new PrismaClient({ adapter });
  return globalForDb.storyreelDb;
}

/** WAL lets readers (polling) proceed while the runner writes. Persistent per file; cheap to repeat. */
export async function prepareDatabase(db: PrismaClient = getDb()): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}
