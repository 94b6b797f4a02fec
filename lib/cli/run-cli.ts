import { AppError } from "@/lib/errors";
import { DatabaseUnavailableError, describeSqliteFailure } from "@/lib/db/database-errors";
import { resolveDatabaseUrl } from "@/lib/env/database-url";

/** What a person at the terminal should read for a failure: a sentence, never a stack trace for a known cause. */
export function describeFailure(error: unknown): string {
  if (error instanceof AppError || error instanceof DatabaseUnavailableError) return error.message;
  // Not getEnv(): the failure being described may be the environment's own.
  const database = describeSqliteFailure(error, resolveDatabaseUrl(process.env).replace(/^file:/, ""));
  if (database) return database;
  return error instanceof Error ? error.message : String(error);
}

/** A command's exit: 0, a number, or a sentence for standard error (exit 2: the command was used wrongly). */
export function runCli(main: () => Promise<number | string>): void {
  process.env.LOG_LEVEL ??= "silent";
  main().then(
    (result) => {
      if (typeof result === "string") {
        console.error(`storyreel: ${result}`);
        process.exit(2);
      }
      process.exit(result);
    },
    (error: unknown) => {
      console.error(`storyreel: ${describeFailure(error)}`);
      process.exit(error instanceof AppError ? 2 : 1);
    },
  );
}
