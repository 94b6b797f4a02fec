import assert from "node:assert/strict";
import { before, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb, prepareDatabase } from "@/lib/db/client";

before(async () => {
  prepareFreshDataDir("one-connection");
  await prepareDatabase();
});

it("a write made while another request's transaction is open is not undone when that transaction rolls back", async () => {
  const db = getDb();
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  const refused = db
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "inside", value: "rolled back" } });
      await held;
      throw new Error("refused");
    })
    .catch((error: Error) => error.message);
  await new Promise((resolve) => setTimeout(resolve, 20));
  // Another request writes while that transaction is open (its callback is waiting), long enough to finish.
  // (.then sends it now: a Prisma query waits to be awaited before it runs.)
  const outside = db.setting.create({ data: { key: "outside", value: "kept" } }).then(() => "written");
  await new Promise((resolve) => setTimeout(resolve, 200));
  letGo();
  assert.equal(await refused, "refused");
  await outside;
  assert.deepEqual(
    (await db.setting.findMany({ orderBy: { key: "asc" } })).map((s) => s.key),
    ["outside"],
    "the other request's write survived the rollback; the transaction's own did not",
  );
});
