"use client";

import { useState } from "react";
import useSWR from "swr";
import { sendJson } from "@/components/account/send-json";
import { formatBytes } from "@/components/format";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import type { ExportView } from "@/lib/exports/exports";
import {
  EXPORT_FITS,
  EXPORT_FORMATS,
  EXPORT_PRESET_IDS,
  EXPORT_PRESETS,
  EXPORT_RESOLUTIONS,
  FORMAT_FILES,
  type ExportFit,
  type ExportFormat,
  type ExportPresetId,
  type ExportResolution,
} from "@/lib/exports/export-vocabulary";
import { ASPECT_RATIOS, type AspectRatio } from "@/lib/vocabulary";
import { fetchJson } from "./use-job";

const FIT_NAMES: Record<ExportFit, string> = { cover: "Crop to fill", blur: "Whole, on a blurred fill" };
const STATUS_NAMES: Record<ExportView["status"], string> = {
  queued: "Waiting",
  running: "Making",
  completed: "Ready",
  failed: "Failed",
};
const busy = (exports: ExportView[] | undefined) => exports?.some((e) => e.status === "queued" || e.status === "running");

/** Exports of a finished version: the presets a person knows, a custom one, and the list with progress and downloads. */
export function ExportPanel({
  jobId,
  aspectRatio,
  versions,
  currentVersion,
}: {
  jobId: string;
  aspectRatio: string;
  versions: number[];
  currentVersion: number;
}) {
  const url = `/api/jobs/${jobId}/exports`;
  const { data, mutate } = useSWR<{ exports: ExportView[] }>(url, fetchJson, {
    // Polls only while something is being made; stops when every export is ready or failed.
    refreshInterval: (latest) => (busy(latest?.exports) ? 1500 : 0),
  });
  const [version, setVersion] = useState(currentVersion);
  const [custom, setCustom] = useState({
    resolution: "1080p" as ExportResolution,
    // The custom form starts at the video's own frame.
    aspect: (ASPECT_RATIOS.find((a) => a === aspectRatio) ?? "16:9") as AspectRatio,
    fit: "cover" as ExportFit,
    format: "mp4" as ExportFormat,
  });
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function ask(body: Record<string, unknown>) {
    setSending(true);
    setMessage(null);
    const result = await sendJson<ExportView & { existing: boolean }>("POST", url, { version, ...body });
    setSending(false);
    if (!result.ok) return setMessage(result.error);
    if (result.answer?.existing) setMessage(`You already have this export (${result.answer.label}): it is in the list.`);
    await mutate();
  }

  async function remove(item: ExportView) {
    const result = await sendJson("DELETE", `${url}/${item.id}`);
    if (!result.ok) setMessage(result.error);
    await mutate();
  }

  const framed = FORMAT_FILES[custom.format].framed;
  return (
    <section aria-labelledby="export-heading" className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="export-heading" className="text-lg font-semibold">
          Export
        </h2>
        {versions.length > 1 && (
          <label className="flex items-center gap-2 text-sm text-zinc-300">
            Version
            <select
              className={`${inputStyles} w-auto`}
              value={version}
              onChange={(event) => setVersion(Number(event.target.value))}
            >
              {versions.map((n) => (
                <option key={n} value={n}>
                  v{n}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        {EXPORT_PRESET_IDS.map((id: ExportPresetId) => (
          <button
            key={id}
            type="button"
            disabled={sending}
            className={`${buttonStyles.secondary} flex-col !items-start text-left`}
            onClick={() => ask({ preset: id })}
          >
            <span className="font-medium text-zinc-100">{EXPORT_PRESETS[id].name}</span>
            <span className="text-xs text-zinc-400">MP4 · {EXPORT_PRESETS[id].aspect}</span>
          </button>
        ))}
      </div>
      <details className="rounded-md border border-zinc-800 p-3">
        <summary className="cursor-pointer text-sm font-medium text-zinc-200">Custom</summary>
        <form
          className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4"
          onSubmit={(event) => {
            event.preventDefault();
            void ask(framed ? custom : { format: custom.format });
          }}
        >
          <label className="col-span-2 sm:col-span-1">
            <span className={labelStyles}>Format</span>
            <select
              className={inputStyles}
              value={custom.format}
              onChange={(e) => setCustom({ ...custom, format: e.target.value as ExportFormat })}
            >
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_FILES[f].name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className={labelStyles}>Resolution</span>
            <select
              className={inputStyles}
              disabled={!framed}
              value={custom.resolution}
              onChange={(e) => setCustom({ ...custom, resolution: e.target.value as ExportResolution })}
            >
              {EXPORT_RESOLUTIONS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            <span className={labelStyles}>Aspect</span>
            <select
              className={inputStyles}
              disabled={!framed}
              value={custom.aspect}
              onChange={(e) => setCustom({ ...custom, aspect: e.target.value as AspectRatio })}
            >
              {ASPECT_RATIOS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="col-span-2 sm:col-span-1">
            <span className={labelStyles}>Fit</span>
            <select
              className={inputStyles}
              disabled={!framed}
              value={custom.fit}
              onChange={(e) => setCustom({ ...custom, fit: e.target.value as ExportFit })}
            >
              {EXPORT_FITS.map((f) => (
                <option key={f} value={f}>
                  {FIT_NAMES[f]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            disabled={sending}
            className={`${buttonStyles.primary} col-span-2 sm:col-span-4 sm:justify-self-start`}
          >
            Export
          </button>
        </form>
      </details>
      {message && (
        <p role="status" className="text-sm text-amber-300">
          {message}
        </p>
      )}
      {data && data.exports.length === 0 && <p className="text-sm text-zinc-400">No exports yet.</p>}
      <ul className="space-y-2" aria-label="Exports">
        {data?.exports.map((item) => (
          <li
            key={item.id}
            data-testid="export-item"
            className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-zinc-800 bg-zinc-950/40 px-3 py-2"
          >
            <div className="min-w-0 flex-1 basis-48">
              <p className="break-words text-sm font-medium text-zinc-100">{item.label}</p>
              <p className="text-xs text-zinc-400">
                v{item.version} · {STATUS_NAMES[item.status]}
                {item.bytes !== null && ` · ${formatBytes(item.bytes)}`}
                {item.error && ` · ${item.error}`}
              </p>
              {(item.status === "queued" || item.status === "running") && (
                <div
                  role="progressbar"
                  aria-label={`${item.label} progress`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(item.progress * 100)}
                  className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-800"
                >
                  <div
                    className="h-full bg-violet-500 transition-all"
                    style={{ width: `${Math.max(3, item.progress * 100)}%` }}
                  />
                </div>
              )}
            </div>
            <div className="flex gap-2">
              {item.downloadUrl && (
                <a href={item.downloadUrl} download className={buttonStyles.primary} aria-label={`Download ${item.label}`}>
                  Download
                </a>
              )}
              <button
                type="button"
                className={buttonStyles.danger}
                onClick={() => remove(item)}
                aria-label={`Delete ${item.label}`}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
