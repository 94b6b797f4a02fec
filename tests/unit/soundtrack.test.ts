import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { audioLevel } from "../helpers/audio-level";
import { ffmpegPath } from "@/lib/media/binaries";
import { probeDuration } from "@/lib/media/probe-video";
import { soundtrackGraph, soundtrackInputs, type SoundtrackInput } from "@/lib/media/soundtrack";
import { subtitles } from "@/lib/media/subtitles";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-sound-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function tone(name: string, frequency: number, seconds: number): Promise<string> {
  const file = path.join(dir, name);
  await run(ffmpegPath(), [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=${frequency}:duration=${seconds}:sample_rate=48000`,
    "-y",
    file,
  ]);
  return file;
}

async function mix(input: SoundtrackInput, name: string): Promise<string> {
  const out = path.join(dir, name);
  const args = ["-v", "error"];
  for (const file of soundtrackInputs(input)) args.push("-i", file);
  args.push("-filter_complex", soundtrackGraph(input, 0).join(";"), "-map", "[aout]", "-y", out);
  await run(ffmpegPath(), args);
  return out;
}

/** The level (RMS, dB) of one frequency band of a stretch of the file: the music apart from the voice. */
const bandLevel = (file: string, from: number, to: number, frequency: number) =>
  audioLevel(file, from, to, `bandpass=f=${frequency}:width_type=q:w=10`);

describe("the soundtrack", () => {
  let voice: string;
  let music: string;
  before(async () => {
    // A stand-in voice (a 300 Hz tone, 2 s) and a short music loop (a 2 kHz tone, 3 s): apart by frequency.
    voice = await tone("voice.wav", 300, 2);
    music = await tone("music.wav", 2000, 3);
  });

  it("lowers the music while the narration speaks, and brings it back after (a level drop you can measure)", async () => {
    const out = await mix({ narrations: [null, voice, null], durations: [4, 4, 4], musicPath: music }, "ducked.wav");
    assert.ok(Math.abs((await probeDuration(out)) - 12) < 0.05, "exactly the video's length");
    const alone = await bandLevel(out, 2, 3.5, 2000);
    const underVoice = await bandLevel(out, 4.5, 5.8, 2000);
    const after = await bandLevel(out, 7.5, 9, 2000);
    assert.ok(alone - underVoice >= 6, `the music drops by ${(alone - underVoice).toFixed(1)} dB under the voice`);
    assert.ok(Math.abs(after - alone) < 3, `and comes back, looped past its 3 s: ${after.toFixed(1)} vs ${alone.toFixed(1)} dB`);
    const voiceLevel = await bandLevel(out, 4.5, 5.8, 300);
    assert.ok(voiceLevel > underVoice + 6, "the voice is on top");
  });

  it("fades the music in and out", async () => {
    const out = await mix({ narrations: [null, null], durations: [5, 5], musicPath: music }, "faded.wav");
    const start = await bandLevel(out, 0, 0.3, 2000);
    const middle = await bandLevel(out, 4, 5, 2000);
    const end = await bandLevel(out, 9.7, 10, 2000);
    assert.ok(middle - start > 10 && middle - end > 10, `${start.toFixed(1)} / ${middle.toFixed(1)} / ${end.toFixed(1)} dB`);
  });

  it("is silence of the right length when there is neither narration nor music", async () => {
    const out = await mix({ narrations: [null, null], durations: [3, 2.5], musicPath: null }, "silent.wav");
    assert.ok(Math.abs((await probeDuration(out)) - 5.5) < 0.05);
    assert.equal(await bandLevel(out, 0, 5.5, 1000), -Infinity);
  });
});

describe("subtitle files", () => {
  const scenes = [
    { caption: "A fox wakes.", durationSec: 3.5 },
    { caption: "It runs --> home\n\nfast.", durationSec: 61.25 },
  ];
  it("WebVTT and SRT, one cue per scene on the video's timeline", () => {
    assert.equal(
      subtitles(scenes, "vtt"),
      "WEBVTT\n\n00:00:00.000 --> 00:00:03.500\nA fox wakes.\n\n00:00:03.500 --> 00:01:04.750\nIt runs → home\nfast.\n",
    );
    assert.equal(
      subtitles(scenes, "srt"),
      "1\n00:00:00,000 --> 00:00:03,500\nA fox wakes.\n\n2\n00:00:03,500 --> 00:01:04,750\nIt runs → home\nfast.\n",
    );
  });
});
