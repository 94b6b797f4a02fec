import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ffmpegPath } from "@/lib/media/binaries";

const run = promisify(execFile);

/** The RMS level (dB) of a stretch of a file's sound after `filter` (a band-pass, say): what a listener hears there. */
export async function audioLevel(file: string, from: number, to: number, filter: string): Promise<number> {
  const { stderr } = await run(ffmpegPath(), [
    ...["-v", "info", "-ss", String(from), "-t", String(to - from), "-i", file],
    ...["-vn", "-af", `${filter},astats`, "-f", "null", "-"],
  ]);
  const match = /RMS level dB: (-?[\d.]+|-inf)/.exec(stderr.slice(stderr.lastIndexOf("Overall")));
  if (!match) throw new Error(`No level measured:\n${stderr}`);
  return match[1] === "-inf" ? -Infinity : Number(match[1]);
}
