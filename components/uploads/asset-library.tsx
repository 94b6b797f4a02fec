"use client";

import useSWR from "swr";
import { formatBytes } from "@/components/format";
import { fetchJson } from "@/components/job/use-job";
import { sendJson } from "@/components/account/send-json";
import { buttonStyles } from "@/components/ui/styles";
import type { AssetView } from "@/lib/uploads/assets";
import { UploadDropZone } from "./upload-drop-zone";

type Library = {
  assets: AssetView[];
  usage: { bytes: number; files: number; exportBytes: number; quotaBytes: number; quotaFiles: number };
};

function describe(asset: AssetView): string {
  if (asset.kind === "audio") return `${Math.round(asset.durationSec ?? 0)} s sound · ${formatBytes(asset.bytes)}`;
  return `${asset.width} × ${asset.height} · ${formatBytes(asset.bytes)}`;
}

/** One's uploads: add by dropping, see them, delete them (videos that used one keep their own copy). */
export function AssetLibrary() {
  const { data, mutate } = useSWR<Library>("/api/uploads", fetchJson);
  const usage = data?.usage;
  return (
    <div className="space-y-8">
      <UploadDropZone onUploaded={() => void mutate()} />
      {usage && (
        <p className="text-sm text-zinc-400" data-testid="upload-usage">
          {usage.files} of {usage.quotaFiles} files · {formatBytes(usage.bytes)} of {formatBytes(usage.quotaBytes)}
          {usage.exportBytes > 0 && ` (exports take ${formatBytes(usage.exportBytes)} of it)`}
        </p>
      )}
      {data && data.assets.length === 0 && <p className="text-sm text-zinc-400">No uploads yet.</p>}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {data?.assets.map((asset) => (
          <li key={asset.id} className="overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900/40">
            {asset.kind === "image" ? (
              // eslint-disable-next-line @next/next/no-img-element -- the person's own upload, served by the media route
              <img src={asset.url} alt={asset.name} className="aspect-video w-full bg-zinc-950 object-contain" />
            ) : (
              <div className="flex aspect-video items-center justify-center bg-zinc-950 p-4">
                <audio controls src={asset.url} className="w-full" aria-label={asset.name} />
              </div>
            )}
            <div className="flex items-start justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium" title={asset.name}>
                  {asset.name}
                </p>
                <p className="text-xs text-zinc-400">{describe(asset)}</p>
              </div>
              <button
                type="button"
                className={buttonStyles.danger}
                onClick={async () => {
                  await sendJson("DELETE", `/api/uploads/${asset.id}`);
                  await mutate();
                }}
              >
                Delete <span className="sr-only">{asset.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
