import type { Metadata } from "next";
import { AccountForm } from "@/components/account/account-form";
import { inviteIsUsable } from "@/lib/auth/invites";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join · Storyreel", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await inviteIsUsable(token))) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-semibold">This invite link does not work</h1>
        <p className="mt-2 text-sm text-zinc-400">
          It was used already, has expired, or was copied only in part. Ask for a new one.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">You are invited</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-400">Create your account to start making videos.</p>
      <AccountForm endpoint="/api/invites/accept" submitLabel="Create my account" withName newPassword extra={{ token }} />
    </div>
  );
}
