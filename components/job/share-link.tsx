"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/ui/styles";
import { SHARE_LINK_DAYS } from "@/lib/vocabulary";

/** Makes a signed link to the finished video that works for a while without signing in, or ends every such link. */
export function ShareLink({ jobId }: { jobId: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function send(method: "POST" | "DELETE") {
    setMessage(null);
    const response = await fetch(`/api/jobs/${jobId}/share`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: method === "POST" ? JSON.stringify({ days: SHARE_LINK_DAYS.default }) : undefined,
    });
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) return setMessage(body?.error?.message ?? "That did not work.");
    setLink(method === "POST" ? body : null);
    if (method === "DELETE") setMessage("Sharing stopped: every link to this video no longer works.");
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-3">
        <button type="button" className={buttonStyles.secondary} onClick={() => send("POST")}>
          Make a share link
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={() => send("DELETE")}>
          Stop sharing
        </button>
      </div>
      {link && (
        <p role="status" className="break-all rounded-md border border-emerald-800 bg-emerald-950/40 p-3 text-sm">
          Anyone with this link can watch the video until {new Date(link.expiresAt).toLocaleDateString("en-US")}:{" "}
          <code data-testid="share-link">{link.url}</code>
        </p>
      )}
      {message && (
        <p role="status" className="text-sm text-zinc-400">
          {message}
        </p>
      )}
    </div>
  );
}
