// A child process that contends for the app's SQLite file (tests/integration/sqlite-contention.test.ts).
//   writer <label> <busyMs>: the app's own Prisma client writes for <busyMs>, then a calm phase, and prints
//     a JSON line per acknowledged write, so the test can check each one is in the file afterwards.
//   locker <busyMs> <timeoutMs>: holds SQLite's write lock (BEGIN IMMEDIATE) for stretches, some longer
//     than the writers' busy timeout, so they wait and sometimes fail.
//   reader <busyMs> <timeoutMs>: holds read transactions the same way (in rollback-journal mode these make
//     a writer's COMMIT wait, which is the path of prisma/orm#29933).
import Database from "better-sqlite3";
import { getDb, prepareDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

const [role, ...args] = process.argv.slice(2);
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const describe = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return `${e.code ?? "?"}: ${(e.message ?? String(error)).trim().split("\n").pop()}`.slice(0, 200);
};
const emit = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function writer(label: string, busyMs: number): Promise<void> {
  const db = getDb();
  if (process.env.CONTENTION_SKIP_WAL !== "true") await prepareDatabase(db);
  const jobId = process.env.CONTENTION_JOB_ID!;
  const row = (tag: string) => ({
    jobId,
    kind: "still",
    backend: "local" as const,
    model: label,
    inputHash: tag,
    status: "succeeded" as const,
  });
  const busyUntil = Date.now() + busyMs;
  const calmOps = 20;
  for (let i = 0, calm = 0; calm < calmOps; i++) {
    const phase = Date.now() < busyUntil ? "busy" : "calm";
    if (phase === "calm") calm++;
    const tag = `${label}-t${i}`;
    const started = Date.now();
    try {
      await db.$transaction(async (tx) => {
        // Write first, as every transaction in lib/ does: the write lock is taken before anything is read.
        await tx.job.updateMany({ where: { id: jobId }, data: { version: { increment: 1 } } });
        await tx.generation.create({ data: row(tag) });
      });
      emit({ ack: tag, kind: "tx", phase, ms: Date.now() - started });
    } catch (error) {
      emit({ error: describe(error), kind: "tx", tag, phase, ms: Date.now() - started });
    }
    const plain = `${label}-n${i}`;
    try {
      await db.generation.create({ data: row(plain) });
      emit({ ack: plain, kind: "plain", phase });
    } catch (error) {
      emit({ error: describe(error), kind: "plain", tag: plain, phase });
    }
  }
  await db.$disconnect();
  emit({ done: true });
}

function holder(mode: "IMMEDIATE" | "DEFERRED", busyMs: number, timeoutMs: number): void {
  const db = new Database(getEnv().databaseUrl.replace(/^file:/, ""), { timeout: 10_000 });
  const until = Date.now() + busyMs;
  let holds = 0;
  while (Date.now() < until) {
    db.exec(`BEGIN ${mode}`);
    db.prepare("SELECT count(*) FROM Generation").get();
    // Every third hold outlasts the writers' busy timeout, so some of their statements really fail.
    sleepSync(holds % 3 === 2 ? timeoutMs * 2 : Math.floor(timeoutMs / 4));
    db.exec("COMMIT");
    holds++;
    sleepSync(15);
  }
  db.close();
  emit({ holds });
}

async function main(): Promise<void> {
  if (role === "writer") return writer(args[0]!, Number(args[1]));
  if (role === "locker") return holder("IMMEDIATE", Number(args[0]), Number(args[1]));
  if (role === "reader") return holder("DEFERRED", Number(args[0]), Number(args[1]));
  throw new Error(`unknown role ${role}`);
}

main().then(
  () => sleep(0).then(() => process.exit(0)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
