// `migrate-at.ts <file> <epoch ms>`: waits until that instant, then migrates the file and prints the outcome.
import { migrateSqliteFile } from "@/lib/db/migrate";

const [file, at] = process.argv.slice(2);
setTimeout(() => console.log(JSON.stringify(migrateSqliteFile(file!))), Number(at) - Date.now());
