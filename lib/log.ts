import { getLogLevel, type LogLevel } from "@/lib/env";

type Fields = Record<string, unknown>;
type Level = Exclude<LogLevel, "silent">;

const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 };

function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      cause: value.cause ? serialize(value.cause) : undefined,
      stderr: (value as { stderr?: string }).stderr,
    };
  }
  return value;
}

function write(level: Level, message: string, fields: Fields = {}): void {
  if (RANK[level] < RANK[getLogLevel()]) return;
  const entry: Fields = { level, time: new Date().toISOString(), msg: message };
  for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
  (level === "error" ? console.error : console.log)(JSON.stringify(entry));
}

/** One JSON line per event, so a log shipper or `grep` can follow a job by its id. */
export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
