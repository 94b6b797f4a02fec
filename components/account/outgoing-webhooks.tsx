"use client";

import { useState } from "react";
import useSWR from "swr";
import { fetchJson } from "@/components/job/use-job";
import { formatRelativeTime } from "@/components/format";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import { sendJson } from "./send-json";

type Webhook = {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
};

const EVENTS = [
  { id: "video.storyboard_ready", label: "Storyboard ready for review" },
  { id: "video.completed", label: "Video finished" },
  { id: "video.failed", label: "Video failed" },
  { id: "export.completed", label: "Export finished" },
];

function lastAttempt(w: Webhook): string {
  if (!w.lastAttemptAt) return "nothing sent yet";
  const when = formatRelativeTime(w.lastAttemptAt);
  return w.lastStatus && w.lastStatus < 300
    ? `last sent ${when}: ${w.lastStatus}`
    : `last attempt ${when} failed: ${w.lastError ?? w.lastStatus}`;
}

/** Outgoing webhooks: where a person's programs hear of their videos, signed with a secret shown once. */
export function OutgoingWebhooks() {
  const { data, mutate } = useSWR<{ webhooks: Webhook[] }>("/api/webhooks", fetchJson);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(EVENTS.map((e) => e.id));
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(method: string, path: string, body?: unknown) {
    setError(null);
    const result = await sendJson<{ secret: string }>(method, path, body);
    if (!result.ok) setError(result.error);
    await mutate();
    return result.ok ? result.answer : null;
  }

  return (
    <section aria-labelledby="webhooks-heading" className="space-y-4">
      <h2 id="webhooks-heading" className="text-lg font-semibold">
        Webhooks
      </h2>
      <p className="text-sm text-zinc-400">
        Storyreel POSTs JSON to your address when these happen, signed the Standard Webhooks way with a secret shown once, and
        retries with backoff until your server answers 2xx.
      </p>
      <form
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await send("POST", "/api/webhooks", { url, events });
          if (made) {
            setSecret(made.secret);
            setUrl("");
          }
        }}
      >
        <div>
          <label htmlFor="webhook-url" className={labelStyles}>
            Address (URL)
          </label>
          <input
            id="webhook-url"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/storyreel-events"
            className={inputStyles}
          />
        </div>
        <fieldset className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <legend className={labelStyles}>Events</legend>
          {EVENTS.map((event) => (
            <label key={event.id} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                checked={events.includes(event.id)}
                onChange={(e) => setEvents(e.target.checked ? [...events, event.id] : events.filter((id) => id !== event.id))}
              />
              {event.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className={buttonStyles.primary}>
          Add webhook
        </button>
      </form>
      {secret && (
        <div role="status" className="rounded-md border border-emerald-800 bg-emerald-950/40 p-4 text-sm">
          <p className="mb-2 text-emerald-200">Its signing secret: copy it now, it will not be shown again.</p>
          <code data-testid="new-webhook-secret" className="break-all text-zinc-100">
            {secret}
          </code>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
      <ul className="divide-y divide-zinc-800 rounded-md border border-zinc-800">
        {data?.webhooks.length === 0 && <li className="p-4 text-sm text-zinc-500">No webhooks yet.</li>}
        {data?.webhooks.map((w) => (
          <li key={w.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
            <div className="min-w-0">
              <p className="break-all font-medium">{w.url}</p>
              <p className="text-xs text-zinc-400">
                {w.events.join(", ")} · {lastAttempt(w)}
              </p>
            </div>
            <button type="button" className={buttonStyles.danger} onClick={() => send("DELETE", `/api/webhooks/${w.id}`)}>
              Delete <span className="sr-only">{w.url}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
