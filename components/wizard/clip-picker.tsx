"use client";

import type { ClipModelOffer } from "@/lib/backends/replicate/clip-plan";
import { CONTINUITIES, type Continuity } from "@/lib/vocabulary";
import { inputStyles, labelStyles } from "@/components/ui/styles";

export interface ClipSelection {
  clipModel: string;
  clipResolution: string;
  continuity: Continuity;
}

const price = (usd: number) => `$${Number(usd.toFixed(3))}/s`;
const lengths = (durations: readonly number[]) => `${durations.join(" or ")} s clips`;

const CONTINUITY_TEXT: Record<Continuity, { title: string; detail: string }> = {
  none: { title: "Separate shots", detail: "Each clip starts on its scene's still; scenes crossfade." },
  continuous: {
    title: "Continuous",
    detail: "Each clip ends on the next scene's still, so every cut is seamless. Same price per second.",
  },
  chained: {
    title: "Chained",
    detail: "Each clip starts on the last frame of the one before. Same price; clips render one after another.",
  },
};

/** A selection that fits the model: its default resolution, and no continuity it cannot do. */
export function fitSelection(offer: ClipModelOffer, wanted: Partial<ClipSelection>): ClipSelection {
  const tier =
    offer.tiers.find((t) => t.resolution === wanted.clipResolution) ??
    offer.tiers.find((t) => t.resolution === offer.defaultResolution)!;
  const continuity = wanted.continuity === "continuous" && !tier.endFrame ? "none" : (wanted.continuity ?? "none");
  return { clipModel: offer.ref, clipResolution: tier.resolution, continuity };
}

/** The Replicate clip model, its resolution (with price and clip lengths) and how scenes lead into each other. */
export function ClipPicker({
  offers,
  value,
  aspectRatio,
  onChange,
}: {
  offers: ClipModelOffer[];
  value: ClipSelection;
  aspectRatio: string;
  onChange: (next: ClipSelection) => void;
}) {
  const offer = offers.find((o) => o.ref === value.clipModel) ?? offers[0]!;
  const tier = offer.tiers.find((t) => t.resolution === value.clipResolution) ?? offer.tiers[0]!;
  const aspectRefused = offer.aspectRatios && !offer.aspectRatios.includes(aspectRatio as never);
  return (
    <fieldset className="space-y-4 rounded-lg border border-zinc-800 p-4">
      <legend className="px-1 text-sm font-medium text-zinc-300">Clips</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="clipModel" className={labelStyles}>
            Clip model
          </label>
          <select
            id="clipModel"
            value={offer.ref}
            onChange={(e) =>
              onChange(
                fitSelection(
                  offers.find((o) => o.ref === e.target.value)!,
                  value,
                ),
              )
            }
            className={inputStyles}
          >
            {offers.map((o) => (
              <option key={o.ref} value={o.ref}>
                {o.label} · from {price(Math.min(...o.tiers.map((t) => t.perSecondUsd)))}
              </option>
            ))}
          </select>
          {aspectRefused && (
            <p role="alert" className="mt-1 text-xs text-red-300">
              {offer.label} makes {offer.aspectRatios!.join(" and ")} video only: pick another aspect ratio or model.
            </p>
          )}
        </div>
        <div>
          <label htmlFor="clipResolution" className={labelStyles}>
            Resolution
          </label>
          <select
            id="clipResolution"
            value={tier.resolution}
            onChange={(e) => onChange(fitSelection(offer, { ...value, clipResolution: e.target.value }))}
            className={inputStyles}
          >
            {offer.tiers.map((t) => (
              <option key={t.resolution} value={t.resolution}>
                {t.resolution} · {price(t.perSecondUsd)} · {lengths(t.durations)}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-zinc-500">Each scene is made as the shortest clip that covers it, then trimmed.</p>
        </div>
      </div>
      <div role="radiogroup" aria-label="Between scenes" className="grid gap-2 sm:grid-cols-3">
        {CONTINUITIES.map((c) => {
          const unavailable = c === "continuous" && !tier.endFrame;
          const checked = value.continuity === c;
          return (
            <label
              key={c}
              className={`rounded-md border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-violet-400 ${
                unavailable ? "cursor-not-allowed opacity-50" : "cursor-pointer"
              } ${checked ? "border-violet-500 bg-violet-500/10" : "border-zinc-700 bg-zinc-900"}`}
            >
              <input
                type="radio"
                name="continuity"
                value={c}
                checked={checked}
                disabled={unavailable}
                onChange={() => onChange({ ...value, continuity: c })}
                className="sr-only"
              />
              <span className="block font-medium">{CONTINUITY_TEXT[c].title}</span>
              <span className="block text-xs text-zinc-400">
                {unavailable
                  ? `${offer.label} cannot end a clip on a chosen frame at ${tier.resolution}.`
                  : CONTINUITY_TEXT[c].detail}
                {c === "continuous" &&
                  !unavailable &&
                  offer.endFrameDurations &&
                  ` Clips are ${lengths(offer.endFrameDurations)}.`}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
