"use client";

import { MOTIONS, SCENE_LIMITS, asMotion, type Motion } from "@/lib/vocabulary";
import { inputStyles, labelStyles } from "@/components/ui/styles";

interface Props {
  /** Prefix of the two inputs' ids (unique on the page). */
  idPrefix: string;
  motion: string;
  seconds: string;
  disabled?: boolean;
  onMotion: (motion: Motion) => void;
  onSeconds: (seconds: string) => void;
}

/** A scene's motion and length, side by side: the scene card's and the new scene form's. */
export function MotionAndLength({ idPrefix, motion, seconds, disabled, onMotion, onSeconds }: Props) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <div>
        <label htmlFor={`motion-${idPrefix}`} className={labelStyles}>
          Motion
        </label>
        <select
          id={`motion-${idPrefix}`}
          value={motion}
          disabled={disabled}
          onChange={(e) => onMotion(asMotion(e.target.value))}
          className={inputStyles}
        >
          {MOTIONS.map((m) => (
            <option key={m} value={m}>
              {m.replace("-", " ")}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`duration-${idPrefix}`} className={labelStyles}>
          Seconds
        </label>
        <input
          id={`duration-${idPrefix}`}
          type="number"
          min={SCENE_LIMITS.minSeconds}
          max={SCENE_LIMITS.maxSeconds}
          step={SCENE_LIMITS.secondsStep}
          value={seconds}
          disabled={disabled}
          onChange={(e) => onSeconds(e.target.value)}
          className={inputStyles}
        />
      </div>
    </div>
  );
}
