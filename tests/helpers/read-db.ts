import path from "node:path";
import Database from "better-sqlite3";

/** Runs one read-only query against an app's SQLite file, as a person inspecting it would. */
export function queryDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, "storyreel.db"), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface LedgerRow {
  jobId: string;
  sceneId: string | null;
  kind: string;
  status: string;
  model: string;
  inputHash: string;
  externalId: string | null;
  costUsd: number;
  costBasis: string | null;
  startedAt: string;
}

/** The generation ledger, oldest call first: all of it, or one job's. */
export function readLedger(dataDir: string, jobId?: string): LedgerRow[] {
  const where = jobId ? " WHERE jobId = ?" : "";
  return queryDb<LedgerRow>(
    dataDir,
    `SELECT jobId, sceneId, kind, status, model, inputHash, externalId, costUsd, costBasis, startedAt FROM Generation${where} ORDER BY startedAt, rowid`,
    ...(jobId ? [jobId] : []),
  );
}

export function readJobRow<T = { status: string; leaseOwner: string | null; pausedReason: string | null }>(
  dataDir: string,
  jobId: string,
): T {
  const [row] = queryDb<T>(dataDir, "SELECT * FROM Job WHERE id = ?", jobId);
  if (!row) throw new Error(`no job ${jobId} in the database`);
  return row;
}
