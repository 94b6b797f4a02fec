"use client";

import { useCallback, useEffect, useRef, type RefObject } from "react";
import useSWR from "swr";
import type { JobView } from "@/lib/jobs/job-view";
import { LONG_POLL_MAX_SECONDS } from "@/lib/jobs/schemas";

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
// and no polling at all while the job waits for a person or is finished. With the long poll they are the
// fallback: for a hidden tab, and when the server answers without waiting.
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

/** After an answer, the next long poll goes out this soon: changes that come in a burst share one request. */
export const LONG_POLL_GAP_MS = 250;
// A 304 sooner than this was not waited for (the server's bound on waits was reached): poll at the stage's pace.
const WAITED_MS = 1000;

interface Held {
  etag?: string;
  job?: JobView;
  /** Whether the last long poll was waited for on the server; false until one is. */
  waits: boolean;
}

/**
 * One poll of the job: with the ETag held and `wait`, the server keeps the request until the job changes (a 200 at
 * once) or LONG_POLL_MAX_SECONDS pass (a 304, answered here with the job already held).
 */
async function pollJob(url: string, held: Held, wait: boolean, signal: AbortSignal): Promise<JobView> {
  const waiting = wait && held.etag !== undefined && held.job !== undefined;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(waiting ? `${url}?wait=${LONG_POLL_MAX_SECONDS}` : url, {
      headers: { Accept: "application/json", ...(waiting ? { "If-None-Match": held.etag! } : {}) },
      // Our own If-None-Match: the 304 comes to this code, not through the browser's cache.
      ...(waiting ? { cache: "no-store" as const } : {}),
      signal,
    });
  } catch (error) {
    // The page went away mid-wait: nothing to report.
    if (signal.aborted && held.job) return held.job;
    throw error;
  }
  if (waiting) held.waits = response.status !== 304 || performance.now() - started >= WAITED_MS;
  if (response.status === 304 && held.job) return held.job;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new FetchError(body?.error?.message ?? `Request failed (${response.status}).`, response.status);
  held.etag = response.headers.get("etag") ?? undefined;
  held.job = body as JobView;
  return held.job;
}

const signalOf = (ref: RefObject<AbortController | null>) => (ref.current ??= new AbortController()).signal;

export function useJob(jobId: string, fallbackData?: JobView) {
  const url = `/api/jobs/${jobId}`;
  const held = useRef<Held>({ waits: true });
  const leaving = useRef<AbortController>(null);
  useEffect(() => {
    leaving.current = new AbortController();
    // A browser opens at most six connections to a site over HTTP/1.1: a hidden tab gives its waiting one back.
    const hidden = () => {
      if (document.visibilityState !== "hidden") return;
      leaving.current?.abort();
      leaving.current = new AbortController();
    };
    document.addEventListener("visibilitychange", hidden);
    return () => {
      document.removeEventListener("visibilitychange", hidden);
      leaving.current?.abort();
    };
  }, [jobId]);

  const swr = useSWR<JobView>(url, (key: string) => pollJob(key, held.current, true, signalOf(leaving)), {
    fallbackData,
    // SWR passes the cache, which is empty until the first fetch lands; without the fallback the page would
    // schedule no poll at all when that first fetch returns a job identical to the server-rendered one.
    refreshInterval: (job) => {
      const pace = pollIntervalFor((job ?? fallbackData)?.status);
      const visible = typeof document === "undefined" || document.visibilityState === "visible";
      return pace && visible && held.current.waits ? LONG_POLL_GAP_MS : pace;
    },
    // A long poll in flight is joined by the refresh loop's next turn instead of doubled.
    dedupingInterval: 0,
    revalidateOnFocus: true,
  });

  // After an action the page wants the job as it is now, not after a wait for its next change.
  const { mutate } = swr;
  const refreshNow = useCallback(
    () => mutate(pollJob(url, held.current, false, signalOf(leaving)), { revalidate: false }),
    [mutate, url],
  );
  return { ...swr, mutate: refreshNow };
}
