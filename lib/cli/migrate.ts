// `npm run db:migrate`: applies pending migrations (every command and server also does this when it starts).
import { migrateDatabase } from "@/lib/db/migrate";
import { runCli } from "./run-cli";

runCli(async () => {
  const { applied, edited } = migrateDatabase();
  for (const name of edited) console.error(`storyreel: warning: migration ${name} was edited after it was applied`);
  console.log(applied.length > 0 ? `applied ${applied.length} migrations: ${applied.join(", ")}` : "the database is up to date");
  return 0;
});
