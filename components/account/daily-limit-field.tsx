"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/ui/styles";

/** An admin's daily spending limit for one person: dollars, or empty for none (only the studio's limits apply). */
export function DailyLimitField({
  email,
  value,
  onSave,
}: {
  email: string;
  value: number | null;
  onSave: (dailyBudgetUsd: number | null) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState(value == null ? "" : String(value));
  const [saving, setSaving] = useState(false);
  const changed = draft.trim() !== (value == null ? "" : String(value));
  return (
    <form
      className="flex items-center justify-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaving(true);
        await onSave(draft.trim() === "" ? null : Number(draft));
        setSaving(false);
      }}
    >
      <label className="flex items-center gap-1 text-zinc-400">
        <span aria-hidden>$</span>
        <span className="sr-only">Daily limit in dollars for {email} (empty for none)</span>
        <input
          type="number"
          min={0}
          step={0.01}
          inputMode="decimal"
          placeholder="none"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          className="w-24 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-right text-sm text-zinc-100 placeholder:text-zinc-500"
        />
      </label>
      <button type="submit" className={buttonStyles.secondary} disabled={!changed || saving}>
        Save <span className="sr-only">daily limit of {email}</span>
      </button>
    </form>
  );
}
