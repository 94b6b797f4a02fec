const CLAUSE_BREAKS = [", then ", "; ", ", and ", " and then ", ", while ", ", but ", " then ", ", ", " and "];

const words = (text: string) => text.split(/\s+/).filter(Boolean);

export function splitSentences(prompt: string): string[] {
  return prompt
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?;])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Splits at the clause break closest to the middle; falls back to the middle word. */
function splitChunk(chunk: string): [string, string] | null {
  const count = words(chunk).length;
  if (count < 4) return null;
  const middle = chunk.length / 2;
  let best: { at: number; len: number } | null = null;
  for (const sep of CLAUSE_BREAKS) {
    for (let at = chunk.indexOf(sep); at > 0; at = chunk.indexOf(sep, at + 1)) {
      const left = chunk.slice(0, at);
      const right = chunk.slice(at + sep.length);
      if (words(left).length < 2 || words(right).length < 2) continue;
      if (!best || Math.abs(at - middle) < Math.abs(best.at - middle)) best = { at, len: sep.length };
    }
    if (best) break;
  }
  if (best) return [chunk.slice(0, best.at).trim(), chunk.slice(best.at + best.len).trim()];
  const list = words(chunk);
  const half = Math.ceil(list.length / 2);
  return [list.slice(0, half).join(" "), list.slice(half).join(" ")];
}

/**
 * Turns a prompt into at most `count` chunks of story, in order: sentences first, long ones split at
 * clause breaks, short neighbours merged. May return fewer chunks for a very short prompt.
 */
export function chunkPrompt(prompt: string, count: number): string[] {
  const chunks = splitSentences(prompt);
  while (chunks.length < count) {
    let longest = -1;
    chunks.forEach((c, i) => {
      if (words(c).length >= 4 && (longest < 0 || words(c).length > words(chunks[longest] ?? "").length)) longest = i;
    });
    const parts = longest >= 0 ? splitChunk(chunks[longest] ?? "") : null;
    if (!parts) break;
    chunks.splice(longest, 1, ...parts);
  }
  while (chunks.length > count) {
    let bestIndex = 0;
    let bestSize = Infinity;
    for (let i = 0; i < chunks.length - 1; i++) {
      const size = words(chunks[i] ?? "").length + words(chunks[i + 1] ?? "").length;
      if (size < bestSize) [bestIndex, bestSize] = [i, size];
    }
    chunks.splice(bestIndex, 2, `${chunks[bestIndex]} ${chunks[bestIndex + 1]}`);
  }
  return chunks;
}

export const wordCount = (text: string) => words(text).length;
