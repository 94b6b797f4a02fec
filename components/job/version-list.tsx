"use client";

import type { VersionView } from "@/lib/versions/version-view";
import { formatCost, formatDuration, formatRelativeTime } from "@/components/format";
import { buttonStyles } from "@/components/ui/styles";

interface Props {
  versions: VersionView[];
  playing: number | null;
  busy: boolean;
  canMakeCurrent: boolean;
  onPlay: (version: number) => void;
  onMakeCurrent: (version: number) => void;
}

const STATUS_WORDS: Record<VersionView["status"], string> = {
  rendering: "rendering…",
  completed: "",
  failed: "failed",
  canceled: "canceled",
};

/** Every render of the video, newest first: play, download or bring back any finished one. */
export function VersionList({ versions, playing, busy, canMakeCurrent, onPlay, onMakeCurrent }: Props) {
  // One version is just the video above; the list earns its place once there is something to switch between.
  if (versions.length < 2) return null;
  return (
    <section aria-labelledby="versions-heading" className="space-y-3">
      <h2 id="versions-heading" className="text-lg font-semibold">
        Versions
      </h2>
      <ol className="divide-y divide-zinc-800 rounded-xl border border-zinc-800">
        {versions.map((v) => (
          <li
            key={v.number}
            aria-label={`Version ${v.number}`}
            className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
          >
            <div className="min-w-0">
              <p className="font-medium">
                v{v.number}
                {v.current && <span className="ml-2 rounded bg-violet-600 px-2 py-0.5 text-xs text-white">current</span>}
                {STATUS_WORDS[v.status] && <span className="ml-2 text-sm text-zinc-400">{STATUS_WORDS[v.status]}</span>}
              </p>
              <p className="text-sm text-zinc-300">{v.summary}</p>
              <p className="text-xs text-zinc-400">
                {v.sceneCount} scenes · {formatDuration(v.durationSec)} · {formatCost(v.costUsd)} ·{" "}
                <time dateTime={v.createdAt}>{formatRelativeTime(v.createdAt)}</time>
              </p>
            </div>
            {v.status === "completed" && (
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={buttonStyles.secondary}
                  aria-pressed={playing === v.number}
                  onClick={() => onPlay(v.number)}
                >
                  {playing === v.number ? "Playing" : "Play"}
                  <span className="sr-only"> version {v.number}</span>
                </button>
                {v.downloadUrl && !v.current && (
                  <a href={v.downloadUrl} download className={buttonStyles.secondary}>
                    Download<span className="sr-only"> version {v.number}</span>
                  </a>
                )}
                {canMakeCurrent && !v.current && (
                  <button
                    type="button"
                    className={buttonStyles.secondary}
                    disabled={busy}
                    onClick={() => onMakeCurrent(v.number)}
                  >
                    Make current<span className="sr-only"> version {v.number}</span>
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
