import type { Metadata } from "next";
import { NewVideoForm } from "@/components/wizard/new-video-form";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { callerForPage } from "@/lib/http/page-caller";
import { clipModelOffers } from "@/lib/backends/replicate/clip-plan";
import { DEFAULTS } from "@/lib/vocabulary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New video · Storyreel" };

export default async function NewVideoPage() {
  await callerForPage("/new");
  const initialEstimate = quoteNewJob({ sceneCount: DEFAULTS.sceneCount });
  const { models, clips } = initialEstimate;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">New video</h1>
      <p className="mb-8 mt-1 text-sm text-zinc-400">
        Write a prompt. Storyreel splits it into scenes and draws a storyboard for you to review; nothing renders until you
        approve it.
      </p>
      <NewVideoForm
        initialEstimate={initialEstimate}
        clipOffers={models ? clipModelOffers() : undefined}
        initialClips={
          models && clips ? { clipModel: models.clip, clipResolution: clips.resolution, continuity: clips.continuity } : undefined
        }
      />
    </div>
  );
}
