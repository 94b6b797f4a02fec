"use client";

import Link from "next/link";
import useSWRInfinite from "swr/infinite";
import type { JobSummary } from "@/lib/jobs/job-view";
import { fetchJson } from "@/components/job/use-job";
import { formatCost } from "@/components/format";
import { buttonStyles } from "@/components/ui/styles";
import { JobCard } from "./job-card";
import { GALLERY_PAGE_SIZE } from "./page-size";

// Three cards fill the first row at the widest layout.
const FIRST_ROW = 3;

export type GalleryPage = { jobs: JobSummary[]; nextCursor: string | null; spentTodayUsd: number };

const pageKey = (index: number, previous: GalleryPage | null) => {
  if (index === 0) return `/api/jobs?limit=${GALLERY_PAGE_SIZE}`;
  return previous?.nextCursor ? `/api/jobs?limit=${GALLERY_PAGE_SIZE}&cursor=${previous.nextCursor}` : null;
};

const isBeingMade = (job: JobSummary) => !job.isFinal && job.status !== "awaiting_approval";

export function GalleryGrid({ initial }: { initial: GalleryPage }) {
  const { data, size, setSize, isValidating } = useSWRInfinite<GalleryPage>(pageKey, fetchJson, {
    fallbackData: [initial],
    // `pages` is SWR's cache, empty until the first fetch: fall back to the server-rendered page (see useJob).
    // Refresh while anything is still being made; idle otherwise.
    refreshInterval: (pages) => ((pages ?? [initial]).some((p) => p.jobs.some(isBeingMade)) ? 5000 : 0),
  });
  const pages = data ?? [initial];
  const jobs = pages.flatMap((p) => p.jobs);
  const hasMore = Boolean(pages[pages.length - 1]?.nextCursor);

  if (jobs.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-zinc-700 p-12 text-center">
        <p className="text-lg font-medium">No videos yet</p>
        <p className="mt-1 text-sm text-zinc-400">Write a prompt and Storyreel drafts a storyboard for you to approve.</p>
        <Link href="/new" className={`${buttonStyles.primary} mt-6`}>
          Create your first video
        </Link>
      </div>
    );
  }
  const spentToday = pages[0]?.spentTodayUsd ?? 0;
  return (
    <div className="space-y-6">
      {spentToday > 0 && (
        <p className="text-sm text-zinc-400" data-testid="spent-today">
          Spent today (UTC): <span className="font-medium text-zinc-200">{formatCost(spentToday)}</span>
        </p>
      )}
      <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3" aria-label="Videos">
        {jobs.map((job, index) => (
          // The first row is what a person sees first (the largest paint): fetched at once, the rest when scrolled to.
          <JobCard key={job.id} job={job} eager={index < FIRST_ROW} />
        ))}
      </ul>
      {hasMore && (
        <div className="flex justify-center">
          <button type="button" className={buttonStyles.secondary} disabled={isValidating} onClick={() => setSize(size + 1)}>
            {isValidating && pages.length < size ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}
