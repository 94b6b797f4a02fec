import { speak } from "@/lib/media/speak";
import type { Narrator } from "../types";

/** Offline narration: espeak-ng on this machine, free. */
export const localNarrator: Narrator = {
  model: "local/espeak-ng",
  speak: ({ text, voice }, outPath, signal) => speak(text, voice, outPath, signal),
};
