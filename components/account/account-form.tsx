"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import { PASSWORD_LIMITS } from "@/lib/vocabulary";

/** Sign-in, owner setup, invite and sign-up forms: JSON to `endpoint`, then on to `next`. */
export function AccountForm({
  endpoint,
  submitLabel,
  withName = false,
  newPassword = false,
  withSetupCode = false,
  extra = {},
  next = "/",
}: {
  endpoint: string;
  submitLabel: string;
  withName?: boolean;
  newPassword?: boolean;
  /** The owner's setup on a server others can reach: the code it printed at start-up. */
  withSetupCode?: boolean;
  extra?: Record<string, string>;
  next?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...form, ...extra }),
    }).catch(() => null);
    if (response?.ok) {
      router.push(next);
      router.refresh();
      return;
    }
    const body = await response?.json().catch(() => null);
    // Our routes answer { error: { message } }; better-auth's answer { message }.
    setError(body?.error?.message ?? body?.message ?? "That did not work; check your connection and try again.");
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {withName && (
        <div>
          <label htmlFor="name" className={labelStyles}>
            Name
          </label>
          <input id="name" name="name" autoComplete="name" required className={inputStyles} />
        </div>
      )}
      <div>
        <label htmlFor="email" className={labelStyles}>
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className={inputStyles} />
      </div>
      <div>
        <label htmlFor="password" className={labelStyles}>
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={newPassword ? "new-password" : "current-password"}
          minLength={newPassword ? PASSWORD_LIMITS.min : undefined}
          required
          className={inputStyles}
          aria-describedby={newPassword ? "password-hint" : undefined}
        />
        {newPassword && (
          <p id="password-hint" className="mt-1 text-xs text-zinc-500">
            At least {PASSWORD_LIMITS.min} characters.
          </p>
        )}
      </div>
      {withSetupCode && (
        <div>
          <label htmlFor="setupCode" className={labelStyles}>
            Setup code
          </label>
          <input
            id="setupCode"
            name="setupCode"
            autoComplete="off"
            spellCheck={false}
            required
            className={inputStyles}
            aria-describedby="setup-code-hint"
          />
          <p id="setup-code-hint" className="mt-1 text-xs text-zinc-500">
            The server printed it in its console when it started (this studio can be reached from other machines).
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={busy}>
        {busy ? "One moment…" : submitLabel}
      </button>
    </form>
  );
}
