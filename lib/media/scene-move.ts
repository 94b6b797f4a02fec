import fsp from "node:fs/promises";
import { z } from "zod";
import { pathForKey } from "@/lib/storage/file-storage";
import { asMotion, type Motion } from "@/lib/vocabulary";
import { FRAME_RATE, type FrameSize } from "./frame-size";

/**
 * A local clip as what it is made of, not as encoded frames: the still, the camera move and the length. The
 * stitch draws the move straight into the final video, so each frame is encoded once.
 */
export interface SceneMove {
  kind: "storyreel-move";
  /** The still's storage key. */
  still: string;
  motion: Motion;
  durationSec: number;
  width: number;
  height: number;
}

const moveSchema = z.object({
  kind: z.literal("storyreel-move"),
  still: z.string().min(1),
  motion: z.string().transform((m) => asMotion(m)),
  durationSec: z.number().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const MOVE_EXTENSION = ".move.json";
export const isMovePath = (p: string) => p.endsWith(MOVE_EXTENSION);

export async function readMove(filePath: string): Promise<SceneMove> {
  const parsed = moveSchema.safeParse(JSON.parse(await fsp.readFile(filePath, "utf8")));
  if (!parsed.success) throw new Error(`${filePath} is not a camera move: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const moveStillPath = (move: SceneMove) => pathForKey(move.still);

/** A recorded move counts once its still is there and its length is the plan's. */
export async function assertMove(filePath: string, durationSec: number): Promise<SceneMove> {
  const move = await readMove(filePath);
  if (Math.abs(move.durationSec - durationSec) > 1e-6)
    throw new Error(`The move lasts ${move.durationSec}s, not ${durationSec}s.`);
  if (!(await fsp.stat(moveStillPath(move)).catch(() => null))?.size)
    throw new Error(`The move's still ${move.still} is missing.`);
  return move;
}
export const moveFrames = (move: Pick<SceneMove, "durationSec">) => Math.max(1, Math.round(move.durationSec * FRAME_RATE));

// zoompan expressions; `on` is the output frame number, N the frame count. Eased with smoothstep.
function motionExpressions(motion: Motion, progress: string): { z: string; x: string; y: string } {
  const p = `(3*pow(${progress},2)-2*pow(${progress},3))`;
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

/**
 * Ken Burns motion over one still, as a filter chain: `frames` frames, or only the last one (`lastOnly`, for the
 * first frame of a chained scene). Upscaling first keeps zoompan's integer crop steps small (no visible jitter).
 */
export function moveFilter(motion: Motion, frames: number, { width, height }: FrameSize, lastOnly = false): string {
  const { z, x, y } = motionExpressions(motion, lastOnly ? `${frames - 1}/${frames}` : `on/${frames}`);
  return (
    `scale=${width * 2}:${height * 2}:flags=lanczos,` +
    `zoompan=z='${z}':x='${x}':y='${y}':d=${lastOnly ? 1 : frames}:s=${width}x${height}:fps=${FRAME_RATE},format=yuv420p`
  );
}
