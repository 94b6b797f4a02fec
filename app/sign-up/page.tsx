import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountForm } from "@/components/account/account-form";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create an account · Storyreel" };

export default function SignUpPage() {
  if (getEnv().SIGNUP !== "open") notFound();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-semibold">Create an account</h1>
      <AccountForm endpoint="/api/signup" submitLabel="Create account" withName newPassword />
    </div>
  );
}
