import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { GALLERY_PAGE_SIZE } from "@/components/gallery/page-size";
import { callerForPage } from "@/lib/http/page-caller";
import { listJobs } from "@/lib/jobs/queries";

export const dynamic = "force-dynamic";

export default async function GalleryPage() {
  const caller = await callerForPage("/");
  const initial = await listJobs(caller.userId, { limit: GALLERY_PAGE_SIZE });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Gallery</h1>
        <p className="mt-1 text-sm text-zinc-400">Every video you have made, newest first.</p>
      </div>
      <GalleryGrid initial={initial} />
    </div>
  );
}
