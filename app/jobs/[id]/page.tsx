import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobWorkspace } from "@/components/job/job-workspace";
import { AppError } from "@/lib/errors";
import { callerForPage } from "@/lib/http/page-caller";
import { getJobView } from "@/lib/jobs/queries";
import {
  addSceneAction,
  approveStoryboardAction,
  cancelJobAction,
  editSceneAction,
  moveSceneAction,
  regenerateSceneAction,
  removeSceneAction,
  makeVersionCurrentAction,
  renderNewVersionAction,
  retryJobAction,
  setMusicAction,
} from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Video · Storyreel" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await callerForPage(`/jobs/${id}`);
  const job = await getJobView(caller.userId, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <JobWorkspace
      initialJob={job}
      actions={{
        approve: approveStoryboardAction,
        cancel: cancelJobAction,
        retry: retryJobAction,
        editScene: editSceneAction,
        regenerateScene: regenerateSceneAction,
        removeScene: removeSceneAction,
        moveScene: moveSceneAction,
        addScene: addSceneAction,
        setMusic: setMusicAction,
        renderNewVersion: renderNewVersionAction,
        makeVersionCurrent: makeVersionCurrentAction,
      }}
    />
  );
}
