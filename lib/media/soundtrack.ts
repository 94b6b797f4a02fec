/** What a video sounds like: each scene's narration (or none) and a music bed (or none); silence when neither. */
export interface SoundtrackInput {
  /** Per scene, in order: its narration file, or null. */
  narrations: (string | null)[];
  durations: number[];
  musicPath: string | null;
}

export const AUDIO_RATE = 48_000;
// Loudness targets (EBU R128): speech in front, the bed well under it, lowered further while someone speaks.
const VOICE_LUFS = -16;
const MUSIC_LUFS = -26;
const MUSIC_FADE_IN = 1.5;
const MUSIC_FADE_OUT = 2.5;

/**
 * The audio part of the stitch's filter graph, for inputs that start at `firstInput` (narrations, then music, in
 * that order among the inputs `soundtrackInputs` lists). Ends in the label [aout]: stereo, 48 kHz, exactly the
 * video's length. Each narration starts with its scene and is padded to it; the music is looped or cut to the
 * video, faded in and out, loudness-normalised, and ducked under the narration with a sidechain compressor.
 */
export function soundtrackGraph(input: SoundtrackInput, firstInput: number): string[] {
  const total = input.durations.reduce((a, b) => a + b, 0);
  const format = `aformat=sample_fmts=fltp:sample_rates=${AUDIO_RATE}:channel_layouts=stereo`;
  const graph: string[] = [];
  let next = firstInput;
  const hasVoice = input.narrations.some(Boolean);
  if (hasVoice) {
    const parts = input.durations.map((duration, i) => {
      const samples = Math.round(duration * AUDIO_RATE);
      if (input.narrations[i]) {
        graph.push(`[${next++}:a]${format},apad=whole_len=${samples},atrim=end_sample=${samples}[n${i}]`);
      } else {
        graph.push(`anullsrc=r=${AUDIO_RATE}:cl=stereo,atrim=end_sample=${samples},${format}[n${i}]`);
      }
      return `[n${i}]`;
    });
    graph.push(`${parts.join("")}concat=n=${parts.length}:v=0:a=1,loudnorm=I=${VOICE_LUFS}:TP=-1.5,${format}[voice]`);
  }
  if (input.musicPath) {
    const fadeOutAt = Math.max(0, total - MUSIC_FADE_OUT);
    graph.push(
      `[${next++}:a]${format},aloop=loop=-1:size=2147483647,atrim=duration=${total.toFixed(3)},asetpts=PTS-STARTPTS,` +
        `loudnorm=I=${MUSIC_LUFS}:TP=-2,${format},afade=t=in:d=${MUSIC_FADE_IN},afade=t=out:st=${fadeOutAt.toFixed(3)}:d=${MUSIC_FADE_OUT}[music]`,
    );
  }
  if (hasVoice && input.musicPath) {
    graph.push(`[voice]asplit=2[speech][key]`);
    graph.push(`[music][key]sidechaincompress=threshold=0.015:ratio=12:attack=15:release=350:makeup=1[bed]`);
    // amix halves each input; the volume puts the speech back at its level.
    graph.push(`[speech][bed]amix=inputs=2:duration=first:dropout_transition=0,volume=2,${format}[aout]`);
  } else if (hasVoice) {
    graph.push(`[voice]anull[aout]`);
  } else if (input.musicPath) {
    graph.push(`[music]anull[aout]`);
  } else {
    graph.push(`anullsrc=r=${AUDIO_RATE}:cl=stereo,atrim=duration=${total.toFixed(3)},${format}[aout]`);
  }
  return graph;
}

/** The files the graph reads, in the order it numbers them. */
export function soundtrackInputs(input: SoundtrackInput): string[] {
  return [...input.narrations.filter((n): n is string => n !== null), ...(input.musicPath ? [input.musicPath] : [])];
}

export const AAC_OUTPUT_ARGS = ["-c:a", "aac", "-b:a", "160k", "-ar", String(AUDIO_RATE), "-ac", "2"];
