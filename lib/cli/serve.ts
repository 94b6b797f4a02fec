// `npm start` / `npm run dev`: migrates the database, then starts the HTTP edge (lib/server) in front of Next.js.
import { ownerMissing } from "@/lib/auth/owner-setup";
import { issueSetupCode, setupCodeRequired } from "@/lib/auth/setup-code";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { startServer } from "@/lib/server/start-server";
import { describeFailure } from "./run-cli";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const { HOST: hostname, PORT: port } = getEnv();
  // Before Next starts, so a database that cannot be migrated stops the server with its sentence.
  migrateDatabase();
  await printSetupCode();
  await startServer({ dev, hostname, port });
}

/** Only while nobody owns the studio and others can reach it: /setup asks for this code (lib/auth/setup-code.ts). */
async function printSetupCode(): Promise<void> {
  if (!setupCodeRequired() || !(await ownerMissing())) return;
  const code = await issueSetupCode();
  // The console, not the log: it is for the person starting the server, and no log shipper should keep it.
  console.log(
    `storyreel: this studio has no owner yet; the owner's setup asks for this setup code: ${code} (only the latest printed works)`,
  );
}

main().catch((error: unknown) => {
  console.error(`storyreel: ${describeFailure(error)}`);
  process.exit(1);
});
