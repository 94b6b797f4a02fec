"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/ui/styles";
import type { StillFit } from "@/lib/vocabulary";
import type { SceneChanges } from "./job-actions";

/** Puts one of the person's uploaded images in place of a scene's drawn still. */
export function UploadPicker({
  scene,
  images,
  disabled,
  onUse,
}: {
  scene: number;
  images: { id: string; name: string }[];
  disabled: boolean;
  onUse: (changes: SceneChanges) => void;
}) {
  const [uploadId, setUploadId] = useState("");
  const [fit, setFit] = useState<StillFit>("cover");
  return (
    <fieldset className="flex flex-wrap items-end gap-2 rounded-md border border-zinc-800 p-2 text-sm">
      <legend className="px-1 text-xs text-zinc-400">Use one of your images</legend>
      <select
        aria-label={`Uploaded image for scene ${scene}`}
        value={uploadId}
        disabled={disabled}
        onChange={(e) => setUploadId(e.target.value)}
        className="w-full basis-full rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5"
      >
        <option value="">Choose an upload…</option>
        {images.map((image) => (
          <option key={image.id} value={image.id}>
            {image.name}
          </option>
        ))}
      </select>
      <select
        aria-label={`How the image fills scene ${scene}`}
        value={fit}
        disabled={disabled}
        onChange={(e) => setFit(e.target.value as StillFit)}
        className="min-w-0 flex-1 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5"
      >
        <option value="cover">Crop to fill</option>
        <option value="blur">Whole, on a blurred fill</option>
      </select>
      <button
        type="button"
        className={buttonStyles.secondary}
        disabled={disabled || !uploadId}
        onClick={() => onUse({ uploadId, fit })}
      >
        Use<span className="sr-only"> for scene {scene}</span>
      </button>
    </fieldset>
  );
}
