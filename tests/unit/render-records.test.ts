import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { prepareFreshDataDir } from "../helpers/test-database";

const dataDir = prepareFreshDataDir("ffmpeg-log");
const log = path.join(dataDir, "ffmpeg.log");
process.env.FFMPEG_COMMAND_LOG = log;

describe("the ffmpeg command log, storage keys and recorded moves", () => {
  it("records each finished ffmpeg run with the caption files it read, and not a failed one", async () => {
    const { runFfmpeg } = await import("@/lib/media/run-ffmpeg");
    const caption = path.join(dataDir, "caption.txt");
    fs.writeFileSync(caption, "Dawn breaks");
    const out = path.join(dataDir, "out.png");
    const filter = `color=c=black:s=64x64:d=0.1,drawtext=textfile='${caption}':fontcolor=white`;
    await runFfmpeg(["-y", "-loglevel", "error", "-f", "lavfi", "-i", filter, "-frames:v", "1", out]);
    await assert.rejects(runFfmpeg(["-loglevel", "error", "-i", path.join(dataDir, "missing.mp4"), out]));
    const lines = fs.readFileSync(log, "utf8").trim().split("\n");
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!) as { args: string[]; seconds: number; files: Record<string, string> };
    assert.equal(entry.args.at(-1), out);
    assert.ok(entry.seconds > 0);
    assert.deepEqual(entry.files, { [caption]: "Dawn breaks" });
  });

  it("names a file under DATA_DIR by its key, and refuses one outside it", async () => {
    const { keyForPath, pathForKey } = await import("@/lib/storage/file-storage");
    assert.equal(keyForPath(pathForKey("storyboards/j/s-r0.jpg")), "storyboards/j/s-r0.jpg");
    assert.throws(() => keyForPath("/etc/passwd"), /not under the data directory/);
  });

  it("counts a recorded move only when its length is the plan's and its still is there", async () => {
    const { assertMove } = await import("@/lib/media/scene-move");
    const { pathForKey } = await import("@/lib/storage/file-storage");
    const still = pathForKey("storyboards/j/s-r0.jpg");
    fs.mkdirSync(path.dirname(still), { recursive: true });
    fs.writeFileSync(still, "jpeg bytes");
    const move = path.join(dataDir, "s.move.json");
    const record = { kind: "storyreel-move", still: "storyboards/j/s-r0.jpg", motion: "zoom-in", width: 1280, height: 720 };
    fs.writeFileSync(move, JSON.stringify({ ...record, durationSec: 4.5 }));
    assert.equal((await assertMove(move, 4.5)).motion, "zoom-in");
    await assert.rejects(assertMove(move, 4), /lasts 4.5s, not 4s/);
    fs.rmSync(still);
    await assert.rejects(assertMove(move, 4.5), /still storyboards\/j\/s-r0.jpg is missing/);
  });
});
