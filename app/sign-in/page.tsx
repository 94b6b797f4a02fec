import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AccountForm } from "@/components/account/account-form";
import { ownerMissing } from "@/lib/auth/owner-setup";
import { getEnv } from "@/lib/env";
import { localPathOr } from "@/lib/http/local-path";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Storyreel" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  if (await ownerMissing()) redirect("/setup");
  const { next } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-400">Your videos are waiting.</p>
      <AccountForm endpoint="/api/auth/sign-in/email" submitLabel="Sign in" next={localPathOr(next)} />
      <p className="mt-6 text-sm text-zinc-400">
        {getEnv().SIGNUP === "open" ? (
          <>
            New here?{" "}
            <Link href="/sign-up" className="text-violet-300 underline">
              Create an account
            </Link>
            .
          </>
        ) : (
          "New here? Ask this studio's admin for an invite link."
        )}
      </p>
    </div>
  );
}
