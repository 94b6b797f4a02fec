"use client";

import useSWR from "swr";
import type { JobView } from "@/lib/jobs/job-view";

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new FetchError(body?.error?.message ?? `Request failed (${response.status}).`, response.status);
  return body as T;
}

// The original plan's numbers: fast while parsing, slower for storyboards, slowest while rendering,
// and no polling at all while the job waits for a person or is finished.
export function pollIntervalFor(status: JobView["status"] | undefined): number {
  switch (status) {
    case "queued":
    case "parsing":
      return 2000;
    case "storyboarding":
      return 5000;
    case "rendering":
    case "stitching":
      return 10000;
    default:
      return 0;
  }
}

export function useJob(jobId: string, fallbackData?: JobView) {
  return useSWR<JobView>(`/api/jobs/${jobId}`, fetchJson, {
    fallbackData,
    // SWR passes the cache, which is empty until the first fetch lands; without the fallback the page would
    // schedule no poll at all when that first fetch returns a job identical to the server-rendered one.
    refreshInterval: (job) => pollIntervalFor((job ?? fallbackData)?.status),
    revalidateOnFocus: true,
  });
}
