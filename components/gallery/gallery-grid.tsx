"use client";

import Link from "next/link";
import useSWR from "swr";
import type { JobSummary } from "@/lib/jobs/job-view";
import { fetchJson } from "@/components/job/use-job";
import { buttonStyles } from "@/components/ui/styles";
import { JobCard } from "./job-card";

type JobPage = { jobs: JobSummary[]; nextCursor: string | null };

export function GalleryGrid({ initial }: { initial: JobPage }) {
  const { data } = useSWR<JobPage>("/api/jobs?limit=48", fetchJson, {
    fallbackData: initial,
    // Refresh while anything is still being made; idle otherwise.
    // `page` is SWR's cache, empty until the first fetch: fall back to the server-rendered page (see useJob).
    refreshInterval: (page) => ((page ?? initial).jobs.some((j) => !j.isFinal && j.status !== "awaiting_approval") ? 5000 : 0),
  });
  const jobs = data?.jobs ?? [];
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
  return (
    <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3" aria-label="Videos">
      {jobs.map((job) => (
        <JobCard key={job.id} job={job} />
      ))}
    </ul>
  );
}
