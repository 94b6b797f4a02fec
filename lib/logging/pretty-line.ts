// For a person at a terminal: "12:03:04.123 INFO  stage started  jobId=… stage=parsing" in colour, from pino's JSON line.

const COLOURS: Record<string, string> = { info: "\x1b[32m", warn: "\x1b[33m", error: "\x1b[31m" };
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

function show(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

export function prettyLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const { level, time, msg, ...fields } = entry;
  const label = String(level ?? "info");
  const clock = typeof time === "string" ? time.slice(11, 23) : "";
  const rest = Object.entries(fields)
    .map(([key, value]) => `${DIM}${key}=${RESET}${show(value)}`)
    .join(" ");
  return `${DIM}${clock}${RESET} ${COLOURS[label] ?? ""}${label.toUpperCase().padEnd(5)}${RESET} ${String(msg ?? "")}${rest ? `  ${rest}` : ""}\n`;
}
