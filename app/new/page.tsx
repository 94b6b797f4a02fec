import type { Metadata } from "next";
import { NewVideoForm } from "@/components/wizard/new-video-form";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New video · Storyreel" };

export default function NewVideoPage() {
  const costNote =
    getEnv().provider === "local"
      ? "free: the local back end draws and renders on this machine."
      : "shown before anything is spent.";
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">New video</h1>
      <p className="mb-8 mt-1 text-sm text-zinc-400">
        Write a prompt. Storyreel splits it into scenes and draws a storyboard for you to review; nothing renders until you approve it.
      </p>
      <NewVideoForm costNote={costNote} />
    </div>
  );
}
