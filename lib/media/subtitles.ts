import { sceneStarts } from "./caption-lines";

export type SubtitleFormat = "vtt" | "srt";

function timestamp(seconds: number, separator: "." | ","): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/**
 * The captions as a subtitle file, one cue per scene on the final video's timeline. A caption's own line breaks
 * are kept; "-->" and blank lines inside it, which would end or break a cue, are not.
 */
export function subtitles(scenes: { caption: string; durationSec: number }[], format: SubtitleFormat): string {
  const starts = sceneStarts(scenes.map((s) => s.durationSec));
  const sep = format === "vtt" ? "." : ",";
  const cues = scenes.map((scene, i) => {
    const text = scene.caption
      .replace(/-->/g, "→")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join("\n");
    const start = starts[i]!;
    const end = start + scene.durationSec;
    const lines = [`${timestamp(start, sep)} --> ${timestamp(end, sep)}`, text];
    return (format === "srt" ? [String(i + 1), ...lines] : lines).join("\n");
  });
  return (format === "vtt" ? "WEBVTT\n\n" : "") + cues.join("\n\n") + "\n";
}
