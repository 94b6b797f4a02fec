// `npm run generate -- "prompt" --server URL --token T [--wait] [--yes] [--out file.mp4]`: the same video, made by a
// studio elsewhere over its API. The estimate is shown first; approving waits for a yes at the terminal unless --yes.
import path from "node:path";
import readline from "node:readline";
import { createStudioClient, StudioError, type StudioClient } from "@/lib/api-client/studio-client";
import type { NewJobInput, StudioJob } from "@/lib/api-client/studio-client";
import { formatUsd, progressLine } from "./progress-bar";

export interface RemoteRun {
  server: string;
  token: string;
  input: NewJobInput;
  wait: boolean;
  yes: boolean;
  out?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A yes or no at the terminal (or from piped input); the end of the input is a no. */
function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => {
    let answered = false;
    rl.once("close", () => answered || resolve(false));
    rl.question(question, (answer) => {
      answered = true;
      // Piped input is not echoed: show the answer, so the next line starts on a line of its own.
      if (!process.stdin.isTTY) process.stdout.write(`${answer}\n`);
      rl.close();
      resolve(/^\s*y(es)?\s*$/i.test(answer));
    });
  });
}

/** Progress as the job moves: a bar redrawn in place at a terminal, a line per change otherwise. */
function progressReporter() {
  const live = process.stdout.isTTY;
  let last = "";
  return {
    show(job: StudioJob) {
      const line = live ? progressLine(job) : `${job.stage} ${Math.round(job.percent)}%`;
      if (line === last) return;
      last = line;
      process.stdout.write(live ? `\r${line}\x1b[K` : `${line}\n`);
    },
    end: () => live && last && process.stdout.write("\n"),
  };
}

/** A sentence for what went wrong talking to the studio. */
export function describeRemoteFailure(error: unknown, server: string): string {
  if (error instanceof StudioError) return `${error.message} (HTTP ${error.status})`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (error instanceof TypeError && cause) return `Could not reach ${server}: ${cause.code ?? cause.message}.`;
  return error instanceof Error ? error.message : String(error);
}

export async function generateRemote(run: RemoteRun): Promise<number> {
  const studio = createStudioClient({ server: run.server, token: run.token });
  const { input } = run;
  const estimate = await studio.estimate({
    sceneCount: input.sceneCount,
    targetSeconds: input.targetSeconds,
    aspectRatio: input.aspectRatio,
  });
  say(`Estimate: ${formatUsd(estimate.totalUsd)} on the ${estimate.backend} back end`);
  for (const line of estimate.lines) say(`  ${line.label}: ${formatUsd(line.usd)}`);
  if (estimate.budget.refusal) {
    console.error(`storyreel: ${estimate.budget.refusal}`);
    return 1;
  }
  if (estimate.budget.warning) say(`Note: ${estimate.budget.warning}`);

  const created = await studio.createJob({ ...input, autoApprove: run.yes });
  const page = studio.urlOf(created.links.page);
  say(`job ${created.id}: ${page}`);
  if (!run.wait) {
    say(run.yes ? "It will be rendered once the storyboard is drawn." : "The storyboard will wait for your approval there.");
    return 0;
  }
  process.once("SIGINT", () => {
    process.stdout.write(`\nStopped watching; the job goes on at ${page}\n`);
    process.exit(130);
  });

  const progress = progressReporter();
  // With --yes the studio approves the storyboard itself (its budget checks still apply); without, we ask.
  let job = await studio.waitForJob(created.id, (j) => j.status === "awaiting_approval", progress.show);
  progress.end();
  if (job.status === "awaiting_approval" && run.yes) {
    // The studio did not approve it itself (today's budget, say): it waits for a person now.
    console.error(`storyreel: ${job.note ?? "The storyboard waits for approval."} It waits at ${page}`);
    return 1;
  }
  if (job.status === "awaiting_approval") {
    const approved = await approveStoryboard(studio, job);
    if (!approved) {
      say(`Not approved: the storyboard waits at ${page}`);
      return 1;
    }
    job = await studio.waitForJob(job.id, () => false, progress.show);
    progress.end();
  }
  if (job.status !== "completed" || !job.downloadUrl) {
    console.error(`storyreel: ${job.error ?? `the job ended ${job.status}`}`);
    return 1;
  }
  const out = path.resolve(run.out ?? `storyreel-${job.id}.mp4`);
  const bytes = await studio.download(job.downloadUrl, out);
  say(`wrote ${out} (${job.durationSec?.toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB, cost ${formatUsd(job.costUsd)})`);
  return 0;
}

async function approveStoryboard(studio: StudioClient, job: StudioJob) {
  say(`Storyboard, ${job.scenes.length} scenes:`);
  job.scenes.forEach((scene, i) => say(`  ${i + 1}. ${scene.caption} (${scene.durationSec.toFixed(1)} s)`));
  const cost = job.approval?.costUsd ?? 0;
  if (job.approval?.refusal) {
    console.error(`storyreel: ${job.approval.refusal}`);
    return false;
  }
  if (!(await confirm(`Approve and render the clips for ${formatUsd(cost)}? [y/N] `))) return false;
  await studio.approve(job.id);
  return true;
}
