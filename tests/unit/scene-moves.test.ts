import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";
import { encodeMove, moveLastFrame, recordLocalMove } from "@/lib/backends/local/local-animator";
import { assertStitchableClip, assertVideo } from "@/lib/media/probe-video";
import { runFfmpeg } from "@/lib/media/run-ffmpeg";
import { readMove } from "@/lib/media/scene-move";
import { stitchVideo } from "@/lib/media/stitch-video";
import { pathForKey } from "@/lib/storage/file-storage";

const signal = new AbortController().signal;
const md5 = (file: string) => createHash("md5").update(fs.readFileSync(file)).digest("hex");
const silence = (n: number) => ({ narrations: Array.from({ length: n }, () => null), musicPath: null });

/** PSNR of `a` against `b`, frame by frame, as ffmpeg's psnr filter averages it. */
async function psnr(a: string, b: string): Promise<number> {
  const stats = `${a}.psnr.log`;
  await runFfmpeg(["-loglevel", "error", "-i", a, "-i", b, "-lavfi", `psnr=stats_file=${stats}`, "-f", "null", "-"]);
  const values = fs
    .readFileSync(stats, "utf8")
    .trim()
    .split("\n")
    .map((line) => Number(/psnr_avg:([\d.inf]+)/.exec(line)?.[1]?.replace("inf", "100")));
  return values.reduce((s, v) => s + v, 0) / values.length;
}

describe("camera moves drawn by the stitch", () => {
  let dir = "";
  const stills: string[] = [];
  const moves: string[] = [];

  before(async () => {
    dir = pathForKey(`clips/${path.basename(prepareFreshDataDir("scene-moves"))}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const i of [0, 1]) {
      const still = path.join(dir, `still-${i}.png`);
      await runFfmpeg([
        "-y",
        "-loglevel",
        "error",
        "-f",
        "lavfi",
        "-i",
        `testsrc2=s=1280x720:d=1,hue=s=${i + 1}`,
        "-frames:v",
        "1",
        still,
      ]);
      stills.push(still);
      const move = path.join(dir, `scene-${i}.move.json`);
      await recordLocalMove(
        {
          stillPath: still,
          scenePrompt: "",
          motion: i ? "pan-right" : "zoom-in",
          durationSec: i ? 1.5 : 2,
          aspectRatio: "16:9",
          seed: 1,
          outPath: move,
        },
        signal,
      );
      moves.push(move);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("records the move without encoding, by the still's storage key", async () => {
    const move = await readMove(moves[0]!);
    assert.equal(move.motion, "zoom-in");
    assert.equal(move.durationSec, 2);
    assert.equal(pathForKey(move.still), stills[0]);
  });

  it("stitches moves in one pass: the same pixels every time, close to encoding each clip first", async () => {
    const scenes = moves.map((clipPath, i) => ({ clipPath, caption: `Scene ${i + 1}`, durationSec: 1.5 }));
    const once = path.join(dir, "once.mp4");
    const again = path.join(dir, "again.mp4");
    for (const outPath of [once, again]) {
      await stitchVideo({ scenes, aspectRatio: "16:9", sound: silence(2), outPath, signal });
    }
    await assertVideo(once, { width: 1280, height: 720, durationSec: 3, tolerance: 0.05, audio: true });
    assert.equal(md5(once), md5(again));
    // The old way: each move encoded as a clip, then the clips stitched.
    const clips = await Promise.all(
      moves.map(async (m, i) => {
        const out = path.join(dir, `clip-${i}.mp4`);
        await encodeMove(await readMove(m), out, signal);
        return out;
      }),
    );
    const twice = path.join(dir, "twice.mp4");
    await stitchVideo({
      scenes: scenes.map((s, i) => ({ ...s, clipPath: clips[i]! })),
      aspectRatio: "16:9",
      sound: silence(2),
      outPath: twice,
      signal,
    });
    assert.ok((await psnr(once, twice)) > 35, "one pass looks like the two it replaces");
  });

  it("draws a chained scene's first frame from the move's still alone", async () => {
    const clip = path.join(dir, "whole.mp4");
    const move = await readMove(moves[1]!);
    await encodeMove(move, clip, signal);
    const fromClip = path.join(dir, "last-from-clip.png");
    await runFfmpeg(["-y", "-loglevel", "error", "-sseof", "-0.2", "-i", clip, "-update", "1", fromClip]);
    const drawn = path.join(dir, "last-drawn.jpg");
    await moveLastFrame(move, drawn, signal);
    assert.ok((await psnr(drawn, fromClip)) > 30);
  });

  it("takes a model's clip of another size, rate and length as it is, and fits it in the stitch", async () => {
    const odd = path.join(dir, "model.mp4");
    await runFfmpeg([
      "-y",
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=s=848x480:r=30:d=1.2",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv444p",
      odd,
    ]);
    const probe = await assertStitchableClip(odd);
    assert.equal(probe.fps, 30);
    const out = path.join(dir, "with-model.mp4");
    await stitchVideo({
      scenes: [
        { clipPath: odd, caption: "", durationSec: 1.5 },
        { clipPath: moves[1]!, caption: "", durationSec: 1.5 },
      ],
      aspectRatio: "16:9",
      sound: silence(2),
      outPath: out,
      signal,
    });
    await assertVideo(out, { width: 1280, height: 720, durationSec: 3, tolerance: 0.05, audio: true });
  });

  it("refuses a model's file that is not a video, and a move file that is not a move", async () => {
    const notVideo = path.join(dir, "not-video.mp4");
    fs.writeFileSync(notVideo, "<html>rate limited</html>");
    await assert.rejects(assertStitchableClip(notVideo));
    const still = path.join(dir, "still-only.mp4");
    fs.copyFileSync(stills[0]!, still);
    await assert.rejects(assertStitchableClip(still), /frame rate|Video check failed/);
    const notMove = path.join(dir, "bad.move.json");
    fs.writeFileSync(notMove, JSON.stringify({ kind: "storyreel-move", still: "", motion: "zoom-in" }));
    await assert.rejects(readMove(notMove), /is not a camera move/);
  });
});
