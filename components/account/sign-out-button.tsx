"use client";

import { useRouter } from "next/navigation";

export function SignOutButton({ everywhere = false, className }: { everywhere?: boolean; className?: string }) {
  const router = useRouter();
  async function signOut() {
    const endpoint = everywhere ? "/api/account/sign-out-everywhere" : "/api/auth/sign-out";
    await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).catch(() => null);
    router.push("/sign-in");
    router.refresh();
  }
  return (
    <button type="button" onClick={signOut} className={className}>
      {everywhere ? "Sign out everywhere" : "Sign out"}
    </button>
  );
}
