import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import createClient from "openapi-fetch";
import { LONG_POLL_MAX_SECONDS } from "@/lib/jobs/schemas";
import type { components, paths } from "./api-types";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
export type StudioJob = Json<paths["/api/jobs/{id}"]["get"]["responses"][200]>;
export type NewJobInput = Json<NonNullable<paths["/api/jobs"]["post"]["requestBody"]>>;
export type EstimateQuery = NonNullable<paths["/api/estimate"]["get"]["parameters"]["query"]>;
export type NewJobEstimate = Json<paths["/api/estimate"]["get"]["responses"][200]>;
export type ErrorBody = components["schemas"]["ErrorBody"];

/** A refusal from the studio, with its HTTP status and the sentence it gave. */
export class StudioError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "StudioError";
  }
}

function studioError(status: number, body: unknown): StudioError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (error?.message) return new StudioError(status, error.code, error.message, error.requestId);
  return new StudioError(status, "unexpected", `The studio answered HTTP ${status} without an error body.`);
}

function unwrap<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.error !== undefined || answer.data === undefined) throw studioError(answer.response.status, answer.error);
  return answer.data;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StudioClientOptions {
  server: string;
  token: string;
  fetch?: typeof fetch;
}

/** The studio's API, typed from its OpenAPI document, for scripts, the remote CLI and the tests. */
export function createStudioClient({ server, token, fetch: fetchImpl = globalThis.fetch }: StudioClientOptions) {
  const origin = new URL(server).origin;
  const authorization = `Bearer ${token}`;
  const api = createClient<paths>({ baseUrl: origin, headers: { Authorization: authorization }, fetch: fetchImpl });

  // The token goes to the studio only: a link to anywhere else is refused, not followed with it.
  const sameOrigin = (link: string) => {
    const url = new URL(link, origin);
    if (url.origin !== origin)
      throw new StudioError(0, "foreign_link", `The studio gave a link to ${url.origin}, not to itself.`);
    return url;
  };

  /** One poll: the job and its ETag, or null when it has not changed (or the studio asks us to slow down). */
  const pollJob = async (id: string, etag?: string, wait?: number): Promise<{ job: StudioJob; etag: string } | null> => {
    const answer = await api.GET("/api/jobs/{id}", {
      params: { path: { id }, query: wait ? { wait } : {} },
      headers: etag ? { "If-None-Match": etag } : {},
    });
    if (answer.response.status === 304) return null;
    if (answer.response.status === 429) {
      // Polled too often (another script with the same token, say): wait as long as the studio asks, then go on.
      const seconds = Number(answer.response.headers.get("retry-after")) || 1;
      await pause(Math.min(seconds, 60) * 1000);
      return null;
    }
    return { job: unwrap(answer), etag: answer.response.headers.get("etag") ?? "" };
  };

  return {
    api,
    /** A whole URL for one of the studio's links (`/api/media/...`). */
    urlOf: (link: string) => sameOrigin(link).href,
    estimate: async (query: EstimateQuery) => unwrap(await api.GET("/api/estimate", { params: { query } })),
    createJob: async (input: NewJobInput) => unwrap(await api.POST("/api/jobs", { body: input })),
    getJob: async (id: string) => unwrap(await api.GET("/api/jobs/{id}", { params: { path: { id } } })),
    approve: async (id: string) => unwrap(await api.POST("/api/jobs/{id}/approve", { params: { path: { id } } })),
    cancel: async (id: string) => unwrap(await api.POST("/api/jobs/{id}/cancel", { params: { path: { id } } })),

    /**
     * Follows a job until `done` says so (or it ends), telling `onChange` each new state. Each poll waits on the
     * server until the job changes (If-None-Match with ?wait=), so this costs a request per change, not per second.
     */
    async waitForJob(id: string, done: (job: StudioJob) => boolean, onChange: (job: StudioJob) => void = () => {}) {
      let etag: string | undefined;
      for (;;) {
        const asked = Date.now();
        const changed = await pollJob(id, etag, etag ? LONG_POLL_MAX_SECONDS : undefined);
        if (!changed) {
          // A 304 at once means the studio (or a proxy) did not hold the poll: pace the next one ourselves.
          if (Date.now() - asked < 1000) await pause(2000);
          continue;
        }
        // Without an ETag there is nothing to wait on: pace the polls instead.
        if (!changed.etag) await pause(1000);
        etag = changed.etag || undefined;
        onChange(changed.job);
        if (done(changed.job) || changed.job.isFinal) return changed.job;
      }
    },

    /**
     * Streams one of the studio's files (a link from a job) to `file` and returns its size in bytes. It is written
     * beside it first and renamed when whole, so a broken download never leaves a file that looks finished.
     */
    async download(link: string, file: string): Promise<number> {
      const response = await fetchImpl(sameOrigin(link), { headers: { Authorization: authorization } });
      if (!response.ok || !response.body) {
        throw studioError(response.status, await response.json().catch(() => undefined));
      }
      const partial = `${file}.part`;
      try {
        await pipeline(Readable.fromWeb(response.body as WebReadableStream), fs.createWriteStream(partial));
        await fs.promises.rename(partial, file);
      } finally {
        await fs.promises.rm(partial, { force: true });
      }
      return (await fs.promises.stat(file)).size;
    },
  };
}

export type StudioClient = ReturnType<typeof createStudioClient>;
