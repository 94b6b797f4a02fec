"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** Sign out here, or everywhere (optionally revoking every API token too, for an account that may be taken over). */
export function SignOutButton({ everywhere = false, className }: { everywhere?: boolean; className?: string }) {
  const router = useRouter();
  const [revokeTokens, setRevokeTokens] = useState(false);
  const checkboxId = useId();
  async function signOut() {
    const endpoint = everywhere ? "/api/account/sign-out-everywhere" : "/api/auth/sign-out";
    const body = everywhere ? { revokeTokens } : {};
    await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).catch(
      () => null,
    );
    router.push("/sign-in");
    router.refresh();
  }
  const button = (
    <button type="button" onClick={signOut} className={className}>
      {everywhere ? "Sign out everywhere" : "Sign out"}
    </button>
  );
  if (!everywhere) return button;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {button}
      <label htmlFor={checkboxId} className="flex items-center gap-2 text-sm text-zinc-400">
        <input id={checkboxId} type="checkbox" checked={revokeTokens} onChange={(e) => setRevokeTokens(e.target.checked)} />
        Revoke my API tokens too
      </label>
    </div>
  );
}
