import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ffmpegPath } from "@/lib/media/binaries";

/**
 * An ffmpeg that fails like a crashed encoder while a marker file exists, and is the real one otherwise.
 * Handed to the app through FFMPEG_PATH, the same setting an operator would use.
 */
export function makeFlakyFfmpeg(): {
  path: string;
  breakIt: () => void;
  fixIt: () => void;
  holdIt: () => void;
  releaseIt: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-ffmpeg-"));
  const marker = path.join(dir, "broken");
  // While this one exists every encode waits, so a job can be looked at while it is "Rendering clips".
  const held = path.join(dir, "held");
  const script = path.join(dir, "ffmpeg");
  fs.writeFileSync(
    script,
    `#!/bin/sh\nwhile [ -f "${held}" ]; do sleep 0.2; done\nif [ -f "${marker}" ]; then echo "simulated encoder crash" >&2; exit 1; fi\nexec "${ffmpegPath()}" "$@"\n`,
  );
  fs.chmodSync(script, 0o755);
  return {
    path: script,
    breakIt: () => fs.writeFileSync(marker, ""),
    fixIt: () => fs.rmSync(marker, { force: true }),
    holdIt: () => fs.writeFileSync(held, ""),
    releaseIt: () => fs.rmSync(held, { force: true }),
  };
}
