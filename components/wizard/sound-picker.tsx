"use client";

import useSWR from "swr";
import { fetchJson } from "@/components/job/use-job";
import { inputStyles, labelStyles } from "@/components/ui/styles";
import { UploadDropZone } from "@/components/uploads/upload-drop-zone";
import { VOICES, type VoiceId } from "@/lib/vocabulary";

export interface SoundChoice {
  narration: boolean;
  voice: VoiceId;
  musicUploadId: string;
  referenceUploadId: string;
}

type Asset = { id: string; name: string; kind: "image" | "audio"; durationSec: number | null };

/** Narration, a music bed and a reference image: chosen from the person's uploads, or dropped here to add one. */
export function SoundPicker({ value, onChange }: { value: SoundChoice; onChange: (next: SoundChoice) => void }) {
  const { data, mutate } = useSWR<{ assets: Asset[] }>("/api/uploads", fetchJson);
  const sounds = data?.assets.filter((a) => a.kind === "audio") ?? [];
  const images = data?.assets.filter((a) => a.kind === "image") ?? [];
  return (
    <fieldset className="space-y-4 rounded-lg border border-zinc-800 p-4">
      <legend className="px-1 text-sm font-medium text-zinc-300">Sound and your own images</legend>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={value.narration}
            onChange={(e) => onChange({ ...value, narration: e.target.checked })}
            className="h-4 w-4 accent-violet-500"
          />
          Speak each caption (narration)
        </label>
        <div className="min-w-48 flex-1">
          <label htmlFor="voice" className={labelStyles}>
            Voice
          </label>
          <select
            id="voice"
            value={value.voice}
            disabled={!value.narration}
            onChange={(e) => onChange({ ...value, voice: e.target.value as VoiceId })}
            className={inputStyles}
          >
            {Object.entries(VOICES).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="music" className={labelStyles}>
            Music bed
          </label>
          <select
            id="music"
            value={value.musicUploadId}
            onChange={(e) => onChange({ ...value, musicUploadId: e.target.value })}
            className={inputStyles}
          >
            <option value="">None</option>
            {sounds.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({Math.round(s.durationSec ?? 0)} s)
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-zinc-500">Looped or cut to the video, faded, and lowered while the narration speaks.</p>
        </div>
        <div>
          <label htmlFor="reference" className={labelStyles}>
            Reference image
          </label>
          <select
            id="reference"
            value={value.referenceUploadId}
            onChange={(e) => onChange({ ...value, referenceUploadId: e.target.value })}
            className={inputStyles}
          >
            <option value="">None</option>
            {images.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-zinc-500">Every still follows its colours, so the video keeps one look.</p>
        </div>
      </div>
      <UploadDropZone
        onUploaded={async (asset) => {
          await mutate();
          if (asset.kind === "audio") onChange({ ...value, musicUploadId: asset.id });
          else onChange({ ...value, referenceUploadId: asset.id });
        }}
      />
    </fieldset>
  );
}
