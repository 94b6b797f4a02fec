import fsp from "node:fs/promises";
import { getEnv } from "@/lib/env";
import type { VoiceId } from "@/lib/vocabulary";
import { probeDuration } from "./probe-video";
import { runProcess } from "./run-process";

// A little slower than espeak-ng's default 175 words a minute: captions are read, not rushed.
const WORDS_PER_MINUTE = 150;

/**
 * Speaks `text` into a WAV file with espeak-ng, offline; returns its length in seconds. The text goes in a file
 * (-f), never on the command line, so a caption that starts with "-" is read, not taken as an option.
 */
export async function speak(text: string, voice: VoiceId, outPath: string, signal?: AbortSignal): Promise<number> {
  const textPath = `${outPath}.txt`;
  await fsp.writeFile(textPath, text);
  try {
    await runProcess(getEnv().ESPEAK_PATH, ["-v", voice, "-s", String(WORDS_PER_MINUTE), "-f", textPath, "-w", outPath], signal);
  } finally {
    await fsp.rm(textPath, { force: true });
  }
  return probeDuration(outPath);
}
