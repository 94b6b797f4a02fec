import pino, { type DestinationStream, type Logger } from "pino";
import { getLogFormat, getLogLevel } from "@/lib/env";
import { currentLogContext } from "@/lib/logging/log-context";
import { prettyLine } from "@/lib/logging/pretty-line";
import { redactFields, scrubText } from "@/lib/logging/redact";

type Fields = Record<string, unknown>;
type Level = "info" | "warn" | "error";

function terminalOr(fd: 1 | 2, pretty: boolean): DestinationStream {
  // Synchronous: a line written just before the process exits is not lost, and lines keep their order.
  const sink = pino.destination({ fd, sync: true });
  return pretty ? { write: (line: string) => void sink.write(prettyLine(line)) } : sink;
}

/** Errors to stderr, the rest to stdout, as console.log and console.error did. */
function standardStreams(): DestinationStream {
  const format = getLogFormat();
  const pretty = format === "pretty" || (format === undefined && process.stdout.isTTY === true);
  return pino.multistream(
    [
      { level: "info", stream: terminalOr(1, pretty) },
      { level: "error", stream: terminalOr(2, pretty) },
    ],
    { dedupe: true },
  );
}

function createLogger(destination: DestinationStream): Logger {
  return pino(
    {
      level: getLogLevel(),
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // The request or job this line was written for, however deep in the call it was written.
      mixin: () => ({ ...currentLogContext() }),
    },
    destination,
  );
}

export interface Log {
  info: (message: string, fields?: Fields) => void;
  warn: (message: string, fields?: Fields) => void;
  error: (message: string, fields?: Fields) => void;
}

/** A log writing to `destination` (tests read their own); the app's is `log`, on stdout and stderr. */
export function createLog(destination: DestinationStream = standardStreams()): Log {
  const logger = createLogger(destination);
  const write = (level: Level, message: string, fields: Fields = {}) => {
    // A CLI may lower the level after the first line.
    const wanted = getLogLevel();
    if (logger.level !== wanted) logger.level = wanted;
    if (!logger.isLevelEnabled(level)) return;
    logger[level](redactFields(fields), scrubText(message));
  };
  return {
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
  };
}

/** One JSON line per event, so a log shipper or `grep` can follow a request or a job by its id. */
export const log: Log = createLog();
