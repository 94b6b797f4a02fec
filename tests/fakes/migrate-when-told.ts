// `migrate-when-told.ts <file>`: loads everything, says "ready", then migrates the file the moment a line arrives on
// standard input and prints the outcome. A parent releases several at once, after all of them have started.
import { migrateSqliteFile } from "@/lib/db/migrate";

const file = process.argv[2]!;
process.stdin.once("data", () => {
  console.log(JSON.stringify(migrateSqliteFile(file)));
  process.exit(0);
});
console.log("ready");
