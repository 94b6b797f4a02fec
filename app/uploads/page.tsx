import type { Metadata } from "next";
import { AssetLibrary } from "@/components/uploads/asset-library";
import { callerForPage } from "@/lib/http/page-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Uploads · Storyreel" };

export default async function UploadsPage() {
  await callerForPage("/uploads");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Uploads</h1>
        <p className="mt-1 text-sm text-zinc-400">
          Your own images and sounds. Each is checked and stored anew (photos lose their location data); the same file twice is
          kept once.
        </p>
      </div>
      <AssetLibrary />
    </div>
  );
}
