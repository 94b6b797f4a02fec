"use client";

import { useState } from "react";
import useSWR from "swr";
import { fetchJson } from "@/components/job/use-job";
import { formatRelativeTime } from "@/components/format";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import { sendJson } from "./send-json";

type Token = { id: string; name: string; start: string | null; createdAt: string; lastUsedAt: string | null };

/** Personal API tokens: make one (shown once), see when each was last used, revoke. */
export function ApiTokens() {
  const { data, mutate } = useSWR<{ tokens: Token[] }>("/api/tokens", fetchJson);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(method: string, url: string, body?: unknown) {
    setError(null);
    const result = await sendJson<{ token: string }>(method, url, body);
    if (!result.ok) setError(result.error);
    await mutate();
    return result.ok ? result.answer : null;
  }

  return (
    <section aria-labelledby="tokens-heading" className="space-y-4">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="text-sm text-zinc-400">
        For scripts: send one as <code className="text-zinc-200">Authorization: Bearer &lt;token&gt;</code> to any /api address. A
        token is shown once; revoke it when it is no longer used.
      </p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await send("POST", "/api/tokens", { name });
          if (made) {
            setCreated(made.token);
            setName("");
          }
        }}
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="token-name" className={labelStyles}>
            Token name
          </label>
          <input
            id="token-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="nightly script"
            className={inputStyles}
          />
        </div>
        <button type="submit" className={buttonStyles.primary}>
          Create token
        </button>
      </form>
      {created && (
        <div role="status" className="rounded-md border border-emerald-800 bg-emerald-950/40 p-4 text-sm">
          <p className="mb-2 text-emerald-200">Copy it now: it will not be shown again.</p>
          <code data-testid="new-token" className="break-all text-zinc-100">
            {created}
          </code>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
      <ul className="divide-y divide-zinc-800 rounded-md border border-zinc-800">
        {data?.tokens.length === 0 && <li className="p-4 text-sm text-zinc-500">No tokens yet.</li>}
        {data?.tokens.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
            <div>
              <p className="font-medium">{t.name}</p>
              <p className="text-xs text-zinc-500">
                {t.start ? `${t.start}… · ` : ""}made {formatRelativeTime(t.createdAt)} ·{" "}
                {t.lastUsedAt ? `last used ${formatRelativeTime(t.lastUsedAt)}` : "never used"}
              </p>
            </div>
            <button type="button" className={buttonStyles.danger} onClick={() => send("DELETE", `/api/tokens/${t.id}`)}>
              Revoke <span className="sr-only">{t.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
