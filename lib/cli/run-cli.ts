import { AppError } from "@/lib/errors";

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
      console.error(`storyreel: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(error instanceof AppError ? 2 : 1);
    },
  );
}
