import assert from "node:assert/strict";
import type { JobView } from "@/lib/jobs/job-view";
import { waitFor } from "./wait-for";

/** A thin HTTP client for the app's JSON API, as an API user would write it. */
export function apiClient(baseUrl: string, token?: string) {
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...authorization, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
  };
  return {
    request,
    createJob: async (input: Record<string, unknown>) => {
      const res = await request("POST", "/api/jobs", input);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json as JobView;
    },
    getJob: async (id: string) => (await request("GET", `/api/jobs/${id}`)).json as JobView,
    waitForStatus: (id: string, wanted: string[], timeoutMs = 120_000, intervalMs = 150): Promise<JobView> =>
      waitFor(
        `job ${id} to be ${wanted.join(" or ")}`,
        async () => {
          const job = (await request("GET", `/api/jobs/${id}`)).json as JobView;
          if (wanted.includes(job.status)) return job;
          if (job.isFinal) throw new Error(`job ended ${job.status}: ${job.error}`);
          return null;
        },
        { timeoutMs, intervalMs },
      ),
  };
}
