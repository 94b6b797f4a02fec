// `npm run db:migrate`: applies pending migrations (every command and server also does this when it starts).
// `npm run db:migrate -- --check`: applies them to a scratch database only, proving they run (a release step that
// cannot reach the data volume, such as Fly's release_command, runs this before the new version starts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateDatabase, migrateSqliteFile } from "@/lib/db/migrate";
import { runCli } from "./run-cli";

function checkOnScratchDatabase(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-migrate-check-"));
  try {
    const { applied } = migrateSqliteFile(path.join(dir, "check.db"));
    console.log(`all ${applied.length} migrations apply to an empty database`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runCli(async () => {
  // Not strict: the environment is checked first, so a bad setting is what a person reads about.
  const { values } = parseArgs({ strict: false, allowPositionals: true, options: { check: { type: "boolean" } } });
  if (values.check === true) return checkOnScratchDatabase();
  const { applied, edited } = migrateDatabase();
  for (const name of edited) console.error(`storyreel: warning: migration ${name} was edited after it was applied`);
  console.log(applied.length > 0 ? `applied ${applied.length} migrations: ${applied.join(", ")}` : "the database is up to date");
  return 0;
});
