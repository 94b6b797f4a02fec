"use client";

import { ScrollTable } from "@/components/ui/scroll-table";
import { useState } from "react";
import useSWR from "swr";
import { fetchJson } from "@/components/job/use-job";
import { formatCost, formatRelativeTime } from "@/components/format";
import { buttonStyles, inputStyles, labelStyles } from "@/components/ui/styles";
import { INVITE_DAYS } from "@/lib/vocabulary";
import { DailyLimitField } from "./daily-limit-field";
import { sendJson } from "./send-json";

type User = {
  id: string;
  name: string;
  email: string;
  role: string;
  disabled: boolean;
  createdAt: string;
  jobs: number;
  spentUsd: number;
  dailyBudgetUsd: number | null;
};
type Invite = { id: string; createdAt: string; expiresAt: string; usedAt: string | null; usedByEmail: string | null };

/** All users with their videos and spend, disable or enable an account, and one-time invite links. */
export function AdminPanel({ selfId, canMail }: { selfId: string; canMail: boolean }) {
  const users = useSWR<{ users: User[] }>("/api/users", fetchJson);
  const invites = useSWR<{ invites: Invite[] }>("/api/invites", fetchJson);
  const [link, setLink] = useState<string | null>(null);
  const [inviteEmail, setInviteEmail] = useState("");
  const [newPassword, setNewPassword] = useState<{ email: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Each caller names the fields of its own answer.
  async function send<Answer>(method: string, url: string, body: unknown = {}): Promise<Answer | null> {
    setError(null);
    const result = await sendJson(method, url, body);
    if (!result.ok) setError(result.error);
    await Promise.all([users.mutate(), invites.mutate()]);
    return result.ok ? (result.answer as Answer) : null;
  }

  return (
    <div className="space-y-10">
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">
          All users
        </h2>
        <ScrollTable caption="People, their videos, spend and limits" className="w-full min-w-[36rem] text-left text-sm">
          <thead className="text-xs uppercase text-zinc-500">
            <tr>
              <th className="py-2">Person</th>
              <th>Role</th>
              <th className="text-right">Videos</th>
              <th className="text-right">Spent</th>
              <th className="text-right">Daily limit</th>
              <th className="text-right">Account</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800">
            {users.data?.users.map((u) => (
              <tr key={u.id}>
                <td className="py-3">
                  <p className="font-medium">{u.name}</p>
                  <p className="text-xs text-zinc-500">{u.email}</p>
                </td>
                <td>{u.role}</td>
                <td className="text-right">{u.jobs}</td>
                <td className="text-right">{formatCost(u.spentUsd)}</td>
                <td className="text-right">
                  <DailyLimitField
                    key={String(u.dailyBudgetUsd)}
                    email={u.email}
                    value={u.dailyBudgetUsd}
                    onSave={(dailyBudgetUsd) => send("PATCH", `/api/users/${u.id}`, { dailyBudgetUsd })}
                  />
                </td>
                <td className="text-right">
                  {u.id === selfId ? (
                    <span className="text-xs text-zinc-500">you</span>
                  ) : (
                    <div className="flex justify-end gap-2">
                      <button
                        type="button"
                        className={buttonStyles.secondary}
                        onClick={async () =>
                          setNewPassword(await send<{ email: string; password: string }>("POST", `/api/users/${u.id}/password`))
                        }
                      >
                        Reset password <span className="sr-only">of {u.email}</span>
                      </button>
                      <button
                        type="button"
                        className={buttonStyles.secondary}
                        onClick={() => send("PATCH", `/api/users/${u.id}`, { disabled: !u.disabled })}
                      >
                        {u.disabled ? "Enable" : "Disable"} <span className="sr-only">{u.email}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        {newPassword && (
          <p role="status" className="mt-3 rounded-md border border-emerald-800 bg-emerald-950/40 p-4 text-sm">
            New password for {newPassword.email} (shown once; their sessions were signed out):{" "}
            <code data-testid="new-password">{newPassword.password}</code>
          </p>
        )}
      </section>
      <section aria-labelledby="invites-heading" className="space-y-3">
        <h2 id="invites-heading" className="text-lg font-semibold">
          Invites
        </h2>
        <p className="text-sm text-zinc-400">
          A link makes one account and works for {INVITE_DAYS} days.{" "}
          {canMail
            ? "Give an email address to have it mailed, or pass it on yourself."
            : "Pass it on yourself: no mail server is set up."}
        </p>
        {canMail && (
          <div className="max-w-sm">
            <label htmlFor="invite-email" className={labelStyles}>
              Email (optional)
            </label>
            <input
              id="invite-email"
              type="email"
              value={inviteEmail}
              onChange={(e) => setInviteEmail(e.target.value)}
              className={inputStyles}
            />
          </div>
        )}
        <button
          type="button"
          className={buttonStyles.primary}
          onClick={async () => {
            const made = await send<{ url: string; emailedTo?: string }>(
              "POST",
              "/api/invites",
              inviteEmail ? { email: inviteEmail } : {},
            );
            if (made) setLink(made.emailedTo ? `${made.url} (mailed to ${made.emailedTo})` : made.url);
          }}
        >
          Create invite link
        </button>
        {link && (
          <p role="status" className="break-all rounded-md border border-emerald-800 bg-emerald-950/40 p-4 text-sm">
            <code data-testid="invite-link">{link}</code>
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-300">
            {error}
          </p>
        )}
        <ul className="text-sm text-zinc-400">
          {invites.data?.invites.map((i) => (
            <li key={i.id}>
              Made {formatRelativeTime(i.createdAt)} ·{" "}
              {i.usedAt ? `used by ${i.usedByEmail}` : `open until ${new Date(i.expiresAt).toLocaleDateString("en-US")}`}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
