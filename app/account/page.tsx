import type { Metadata } from "next";
import { ApiTokens } from "@/components/account/api-tokens";
import { OutgoingWebhooks } from "@/components/account/outgoing-webhooks";
import { SignOutButton } from "@/components/account/sign-out-button";
import { buttonStyles } from "@/components/ui/styles";
import { callerForPage } from "@/lib/http/page-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account · Storyreel" };

export default async function AccountPage() {
  const caller = await callerForPage("/account");
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <div>
        <h1 className="text-2xl font-semibold">Account</h1>
        <p className="mt-1 text-sm text-zinc-400">
          {caller.name} · {caller.email}
          {caller.isAdmin && " · admin"}
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <SignOutButton className={buttonStyles.secondary} />
          <SignOutButton everywhere className={buttonStyles.secondary} />
        </div>
      </div>
      <ApiTokens />
      <OutgoingWebhooks />
    </div>
  );
}
