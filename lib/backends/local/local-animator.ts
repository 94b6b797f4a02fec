import type { Motion } from "@/lib/vocabulary";
import { FRAME_RATE, frameSize, h264OutputArgs } from "@/lib/media/frame-size";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import type { AnimateInput, Animator } from "../types";

// zoompan expressions; `on` is the output frame number, N the frame count. Eased with smoothstep.
function motionExpressions(motion: Motion, frames: number): { z: string; x: string; y: string } {
  const p = `(3*pow(on/${frames},2)-2*pow(on/${frames},3))`;
  const centerX = "iw/2-(iw/zoom/2)";
  const centerY = "ih/2-(ih/zoom/2)";
  switch (motion) {
    case "zoom-in":
      return { z: `1+0.18*${p}`, x: centerX, y: centerY };
    case "zoom-out":
      return { z: `1.18-0.18*${p}`, x: centerX, y: centerY };
    case "pan-right":
      return { z: "1.15", x: `(iw-iw/zoom)*${p}`, y: centerY };
    case "pan-left":
      return { z: "1.15", x: `(iw-iw/zoom)*(1-${p})`, y: centerY };
    case "pan-up":
      return { z: "1.15", x: centerX, y: `(ih-ih/zoom)*(1-${p})` };
    case "pan-down":
      return { z: "1.15", x: centerX, y: `(ih-ih/zoom)*${p}` };
  }
}

/** Ken Burns motion over the still: H.264, yuv420p, +faststart, exact frame count. */
export async function animateLocalClip(input: AnimateInput, signal: AbortSignal): Promise<void> {
  const { width, height } = frameSize(input.aspectRatio);
  const frames = Math.max(1, Math.round(input.durationSec * FRAME_RATE));
  const { z, x, y } = motionExpressions(input.motion, frames);
  // Upscaling first keeps zoompan's integer crop steps small, which removes visible jitter.
  const filter = `scale=${width * 2}:${height * 2}:flags=lanczos,zoompan=z='${z}':x='${x}':y='${y}':d=${frames}:s=${width}x${height}:fps=${FRAME_RATE},format=yuv420p`;
  await runFfmpeg(
    [
      "-y",
      "-loglevel",
      "error",
      "-i",
      input.stillPath,
      "-vf",
      filter,
      "-frames:v",
      String(frames),
      ...h264OutputArgs(input.outPath),
    ],
    signal,
  );
}

export const localAnimator: Animator = {
  model: "local/ffmpeg-kenburns-v1",
  animate: animateLocalClip,
};
