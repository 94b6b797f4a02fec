// `npm run restore -- DIR [--force]`: brings a backup back into DATA_DIR (stop the server first).
import path from "node:path";
import { parseArgs } from "node:util";
import { configuredPaths } from "@/lib/ops/configured-paths";
import { restoreBackup } from "@/lib/ops/restore";
import { runCli } from "./run-cli";

runCli(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false } } });
  if (positionals.length !== 1) return "usage: npm run restore -- DIR [--force] (DIR: a folder `npm run backup` wrote)";
  const backupDir = path.resolve(positionals[0]!);
  const { dataDir, databaseFile } = configuredPaths();
  const { manifest, records, migrated, movedAside } = await restoreBackup({
    backupDir,
    dataDir,
    databaseFile,
    force: values.force,
  });
  if (movedAside) console.log(`what was in ${dataDir} is now in ${movedAside}: delete it once the restored studio works`);
  console.log(
    `restored ${records.jobs} jobs, ${records.accounts} accounts, ${records.tokens} API tokens and ` +
      `${manifest.files.length} files from the backup of ${manifest.createdAt} into ${dataDir}`,
  );
  if (migrated.length > 0) console.log(`applied ${migrated.length} migrations the backup predates: ${migrated.join(", ")}`);
  return 0;
});
