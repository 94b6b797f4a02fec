import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountForm } from "@/components/account/account-form";
import { ownerMissing } from "@/lib/auth/owner-setup";
import { setupCodeRequired } from "@/lib/auth/setup-code";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up · Storyreel" };

export default async function SetupPage() {
  if (!(await ownerMissing())) redirect("/sign-in");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Welcome to Storyreel</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-400">
        Create the owner&apos;s account. The owner is this studio&apos;s admin: they invite everyone else.
      </p>
      <AccountForm
        endpoint="/api/setup"
        submitLabel="Create the owner's account"
        withName
        newPassword
        withSetupCode={setupCodeRequired()}
      />
    </div>
  );
}
