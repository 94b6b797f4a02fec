import { waitForJobChange } from "@/lib/jobs/job-poll-wait";
import { getJobEtag, getJobView } from "@/lib/jobs/queries";
import type { JobView } from "@/lib/jobs/job-view";

/** The longest one tool call waits: under the request timeouts of the MCP clients seen (60 s and up). */
export const MCP_WAIT_MAX_SECONDS = 50;

export type ProgressReport = (progress: number, message: string) => Promise<void>;

/**
 * The job once it stops for the person (a storyboard to review, or a final state) or when `seconds` are up,
 * whichever comes first; each change in between is reported as progress (percent of the job, and its stage).
 */
export async function waitForVideo(input: {
  userId: string;
  jobId: string;
  seconds: number;
  signal?: AbortSignal;
  report?: ProgressReport;
}): Promise<JobView> {
  const { userId, jobId, signal, report } = input;
  const deadline = Date.now() + Math.min(input.seconds, MCP_WAIT_MAX_SECONDS) * 1000;
  let etag = await getJobEtag(userId, jobId);
  for (;;) {
    const view = await getJobView(userId, jobId);
    await report?.(view.percent, view.stage);
    const left = (deadline - Date.now()) / 1000;
    if (view.isFinal || view.status === "awaiting_approval" || left <= 0 || signal?.aborted) return view;
    const next = await waitForJobChange({ userId, jobId, etag, seconds: Math.min(left, 25), signal });
    // Unchanged before its time: the process's waits are all taken, so look again at the page's slowest pace.
    if (next === etag && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
    etag = next;
  }
}
