import { createHash } from "node:crypto";
import type { ApprovalOutlook } from "@/lib/costs/budget-outlook";
import type { Job, Scene } from "@/lib/db/generated/client";
import { mediaUrl } from "@/lib/storage/keys";
import { asMotion, type Motion } from "@/lib/vocabulary";
import { computePercent, estimateSecondsLeft } from "./job-progress";
import type { VersionView } from "@/lib/versions/version-view";
import { EDITABLE_STATUSES, isFinalStatus, STAGE_LABELS, type JobStatus, type StepStatus } from "./status";

export interface SceneView {
  id: string;
  position: number;
  caption: string;
  imagePrompt: string;
  motion: Motion;
  durationSec: number;
  stillStatus: StepStatus;
  clipStatus: StepStatus;
  stillUrl: string | null;
  clipUrl: string | null;
  /** Whether the caption is spoken (on a job with a voice). */
  narrate: boolean;
  error: string | null;
}

export interface JobView {
  id: string;
  status: JobStatus;
  stage: string;
  percent: number;
  etaSeconds: number | null;
  /** Place in line while no runner has a free slot for it (1 = next); null otherwise. */
  queuePosition: number | null;
  /** Why a job that should be moving is not (the generation API is down), in plain words; else null. */
  notice: string | null;
  /** How the job was made, when the person should know (the scene writer's answer was unusable, say). */
  note: string | null;
  isFinal: boolean;
  prompt: string;
  style: string;
  aspectRatio: string;
  sceneCount: number;
  targetSeconds: number | null;
  autoApprove: boolean;
  backend: string;
  /** The narration's voice (null: none), whether a music bed and a reference image were given. */
  sound: { voice: string | null; music: boolean; reference: boolean };
  /** The captions as subtitle files, once the video is made. */
  captionsUrls: { vtt: string; srt: string } | null;
  /** How the clips are made on a remote back end (null on the local one). */
  clips: { model: string; resolution: string | null; continuity: string } | null;
  durationSec: number | null;
  costUsd: number;
  /** What the job was expected to cost before anything was spent (see lib/costs). */
  estimatedCostUsd: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  videoUrl: string | null;
  posterUrl: string | null;
  downloadUrl: string | null;
  scenes: SceneView[];
  /** Every render of the scenes, newest first; the current one plays in the gallery. */
  versions: VersionView[];
  currentVersion: number | null;
  /** The number the next version will have; edits made now belong to it. */
  draftVersion: number;
  /** Whether the scenes can be changed now (the storyboard waits, or the video is finished or failed). */
  editable: boolean;
  /** While the storyboard waits: what approving holds for the clips, and the budget refusal it would meet today. */
  approval: ApprovalOutlook | null;
  links: { self: string; page: string; approve: string; cancel: string };
}

export type JobSummary = Omit<JobView, "scenes" | "versions"> & { thumbnailUrl: string | null };

function toSceneView(scene: Scene): SceneView {
  return {
    id: scene.id,
    position: scene.position,
    caption: scene.caption,
    imagePrompt: scene.imagePrompt,
    motion: asMotion(scene.motion),
    durationSec: scene.durationSec,
    stillStatus: scene.stillStatus,
    clipStatus: scene.clipStatus,
    stillUrl: scene.stillKey ? mediaUrl(scene.stillKey) : null,
    clipUrl: scene.clipKey ? mediaUrl(scene.clipKey) : null,
    narrate: scene.narrate,
    error: scene.error,
  };
}

/** The public shape of a job: explicit fields only, so lease tokens and storage paths never leak. */
export function toJobView(
  job: Job & { scenes: Scene[] },
  queuePosition: number | null = null,
  approval: ApprovalOutlook | null = null,
  versions: VersionView[] = [],
): JobView {
  const status = job.status;
  const scenes = [...job.scenes].sort((a, b) => a.position - b.position);
  return {
    id: job.id,
    status,
    stage: STAGE_LABELS[status],
    percent: computePercent(status, scenes, job.failedStage),
    etaSeconds: estimateSecondsLeft(status, scenes),
    queuePosition,
    notice: isFinalStatus(status) ? null : job.pausedReason,
    note: job.note,
    isFinal: isFinalStatus(status),
    prompt: job.prompt,
    style: job.style,
    aspectRatio: job.aspectRatio,
    sceneCount: scenes.length || job.sceneCount,
    targetSeconds: job.targetSeconds,
    autoApprove: job.autoApprove,
    backend: job.backend,
    clips: job.clipModel ? { model: job.clipModel, resolution: job.clipResolution, continuity: job.continuity } : null,
    durationSec: job.durationSec,
    costUsd: job.costUsd,
    estimatedCostUsd: job.estimatedCostUsd,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    completedAt: job.completedAt?.toISOString() ?? null,
    videoUrl: job.videoKey ? mediaUrl(job.videoKey) : null,
    sound: { voice: job.voice, music: job.musicKey !== null, reference: job.referenceKey !== null },
    captionsUrls: job.videoKey ? { vtt: `/api/jobs/${job.id}/captions/vtt`, srt: `/api/jobs/${job.id}/captions/srt` } : null,
    posterUrl: job.posterKey ? mediaUrl(job.posterKey) : null,
    downloadUrl: job.videoKey ? `${mediaUrl(job.videoKey)}?download=1` : null,
    scenes: scenes.map(toSceneView),
    versions,
    currentVersion: job.currentVersion,
    draftVersion: job.draftVersion,
    editable: EDITABLE_STATUSES.includes(status),
    approval,
    links: {
      self: `/api/jobs/${job.id}`,
      page: `/jobs/${job.id}`,
      approve: `/api/jobs/${job.id}/approve`,
      cancel: `/api/jobs/${job.id}/cancel`,
    },
  };
}

export function toJobSummary(job: Job & { scenes: Scene[] }, queuePosition: number | null = null): JobSummary {
  // The gallery lists videos, not their versions: those are read on the job's own page.
  const { scenes, versions, ...view } = toJobView(job, queuePosition);
  const firstStill = scenes.find((s) => s.stillUrl)?.stillUrl ?? null;
  return { ...view, thumbnailUrl: view.posterUrl ?? firstStill };
}

/** Weak ETag from the job's version, which every change to the job or its scenes bumps, and its place in line. */
export const jobEtag = (id: string, version: number, queuePosition: number | null = null, refusal?: string) =>
  `W/"${id}.${version}${queuePosition ? `.q${queuePosition}` : ""}${refusal ? `.b${createHash("sha256").update(refusal).digest("hex").slice(0, 12)}` : ""}"`;

export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
}
