import type { Metadata } from "next";
import { AdminPanel } from "@/components/account/admin-panel";
import { callerForPage } from "@/lib/http/page-caller";
import { mailConfigured } from "@/lib/mail/send-mail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Storyreel" };

export default async function AdminPage() {
  const caller = await callerForPage("/admin", { admin: true });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <AdminPanel selfId={caller.userId} canMail={mailConfigured()} />
    </div>
  );
}
