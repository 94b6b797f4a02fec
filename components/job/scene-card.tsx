"use client";

import { useEffect, useRef, useState } from "react";
import type { SceneView } from "@/lib/jobs/job-view";
import { SCENE_LIMITS } from "@/lib/vocabulary";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import { ResponsiveImage } from "@/components/ui/responsive-image";
import { aspectClass, aspectSize } from "./aspect";
import type { SceneChanges } from "./job-actions";
import { MotionAndLength } from "./motion-and-length";
import { UploadPicker } from "./upload-picker";

export interface SceneCardProps {
  scene: SceneView;
  aspectRatio: string;
  isFirst: boolean;
  isLast: boolean;
  editable: boolean;
  busy: boolean;
  onSave: (changes: SceneChanges) => void;
  onRegenerate: () => void;
  onRemove: () => void;
  onMove: (direction: -1 | 1) => void;
  /** The person's uploaded images, any of which can become this scene's still. */
  images: { id: string; name: string }[];
  /** The job has a voice: each scene's caption can be spoken or not. */
  voiced?: boolean;
}

export function SceneCard({
  scene,
  aspectRatio,
  isFirst,
  isLast,
  editable,
  busy,
  onSave,
  onRegenerate,
  onRemove,
  onMove,
  images,
  voiced = false,
}: SceneCardProps) {
  const n = scene.position + 1;
  // A moved card is taken out of the list and put back, and its buttons are disabled while the move is saved:
  // either drops the keyboard's focus, so it is put back on the move button once the card has its new place.
  const moved = useRef<-1 | 1 | null>(null);
  const earlier = useRef<HTMLButtonElement>(null);
  const later = useRef<HTMLButtonElement>(null);
  const [caption, setCaption] = useState(scene.caption);
  const [imagePrompt, setImagePrompt] = useState(scene.imagePrompt);
  const [motion, setMotion] = useState(scene.motion);
  const [duration, setDuration] = useState(String(scene.durationSec));
  const [narrate, setNarrate] = useState(scene.narrate);
  const changes = {
    ...(narrate !== scene.narrate ? { narrate } : {}),
    ...(caption !== scene.caption ? { caption } : {}),
    ...(imagePrompt !== scene.imagePrompt ? { imagePrompt } : {}),
    ...(motion !== scene.motion ? { motion } : {}),
    ...(Number(duration) !== scene.durationSec ? { durationSec: Number(duration) } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const drawing = scene.stillStatus !== "ready";
  const disabled = !editable || busy;

  useEffect(() => {
    if (moved.current === null || disabled) return;
    const towards = moved.current;
    moved.current = null;
    const wanted = towards === -1 ? (isFirst ? later : earlier) : isLast ? earlier : later;
    wanted.current?.focus();
  }, [n, disabled, isFirst, isLast]);

  const move = (direction: -1 | 1) => {
    moved.current = direction;
    onMove(direction);
  };

  return (
    <li className="flex flex-col overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/60" aria-label={`Scene ${n}`}>
      <div className={`relative ${aspectClass(aspectRatio)} max-h-80 w-full bg-zinc-800`}>
        {scene.stillUrl && !drawing ? (
          <ResponsiveImage
            src={scene.stillUrl}
            alt={`Storyboard still for scene ${n}`}
            {...aspectSize(aspectRatio)}
            sizes="(min-width: 1280px) 360px, (min-width: 768px) 50vw, 100vw"
            className="h-full w-full object-cover"
          />
        ) : (
          <div className="flex h-full items-center justify-center text-sm text-zinc-400">
            {scene.stillStatus === "failed" ? "Drawing failed" : "Drawing…"}
          </div>
        )}
        <span className="absolute left-2 top-2 rounded bg-black/60 px-2 py-0.5 text-xs font-semibold text-white">Scene {n}</span>
        <p className="absolute inset-x-3 bottom-3 rounded bg-black/55 px-2 py-1 text-center text-sm font-semibold leading-snug text-white">
          {caption}
        </p>
      </div>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div>
          <label htmlFor={`caption-${scene.id}`} className={labelStyles}>
            Caption for scene {n}
          </label>
          <textarea
            id={`caption-${scene.id}`}
            rows={2}
            value={caption}
            disabled={disabled}
            maxLength={SCENE_LIMITS.captionMaxChars}
            onChange={(e) => setCaption(e.target.value)}
            className={inputStyles}
          />
        </div>
        <div>
          <label htmlFor={`prompt-${scene.id}`} className={labelStyles}>
            Image prompt for scene {n}
          </label>
          <textarea
            id={`prompt-${scene.id}`}
            rows={3}
            value={imagePrompt}
            disabled={disabled}
            maxLength={SCENE_LIMITS.imagePromptMaxChars}
            onChange={(e) => setImagePrompt(e.target.value)}
            className={`${inputStyles} text-xs`}
          />
        </div>
        <MotionAndLength
          idPrefix={scene.id}
          motion={motion}
          seconds={duration}
          disabled={disabled}
          onMotion={setMotion}
          onSeconds={setDuration}
        />
        {voiced && (
          <label className="flex items-center gap-2 text-sm text-zinc-300">
            <input
              type="checkbox"
              checked={narrate}
              disabled={disabled}
              onChange={(e) => setNarrate(e.target.checked)}
              className="h-4 w-4 accent-violet-500"
            />
            Speak this caption<span className="sr-only"> in scene {n}</span>
          </label>
        )}
        {images.length > 0 && <UploadPicker scene={n} images={images} disabled={disabled} onUse={onSave} />}
        {scene.error && <p className="text-sm text-red-300">{scene.error}</p>}
        <div className="mt-auto flex flex-wrap items-center gap-2 pt-1">
          <button type="button" className={buttonStyles.primary} disabled={disabled || !dirty} onClick={() => onSave(changes)}>
            Save<span className="sr-only"> scene {n}</span>
          </button>
          <button
            type="button"
            className={buttonStyles.secondary}
            disabled={disabled}
            onClick={onRegenerate}
            aria-label={`Regenerate scene ${n}`}
          >
            Regenerate
          </button>
          <span className="ml-auto flex gap-1">
            <button
              type="button"
              className={buttonStyles.icon}
              ref={earlier}
              disabled={disabled || isFirst}
              onClick={() => move(-1)}
              aria-label={`Move scene ${n} earlier`}
            >
              ↑
            </button>
            <button
              type="button"
              className={buttonStyles.icon}
              ref={later}
              disabled={disabled || isLast}
              onClick={() => move(1)}
              aria-label={`Move scene ${n} later`}
            >
              ↓
            </button>
            <button
              type="button"
              className={buttonStyles.icon}
              disabled={disabled || (isFirst && isLast)}
              onClick={onRemove}
              aria-label={`Remove scene ${n}`}
            >
              ✕
            </button>
          </span>
        </div>
      </div>
    </li>
  );
}
