// `npm run backup -- --out DIR`: a consistent copy of the database and DATA_DIR's files while the server runs.
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "@/lib/ops/backup";
import { appVersion, configuredPaths } from "@/lib/ops/configured-paths";
import { getEnv } from "@/lib/env";
import { runCli } from "./run-cli";

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

runCli(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: "string" } } });
  if (!values.out || positionals.length > 0) return "usage: npm run backup -- --out DIR (a new or empty folder)";
  const outDir = path.resolve(values.out);
  const { dataDir, databaseFile } = configuredPaths();
  const busyTimeoutMs = Math.max(getEnv().SQLITE_BUSY_TIMEOUT_MS, 15_000);
  const { manifest, records, bytes, vanished } = await createBackup({
    dataDir,
    databaseFile,
    outDir,
    appVersion: appVersion(),
    busyTimeoutMs,
  });
  console.log(
    `backed up ${records.jobs} jobs, ${records.accounts} accounts, ${records.tokens} API tokens and ` +
      `${manifest.files.length} files (${megabytes(bytes)}) from ${dataDir} to ${outDir}`,
  );
  if (vanished.length > 0) console.log(`${vanished.length} files were deleted while the backup ran and are not in it`);
  console.log("it holds password hashes and the session key: keep it where only the studio's operators can read it");
  return 0;
});
