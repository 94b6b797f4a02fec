import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import type { JobView } from "@/lib/jobs/job-view";
import { contractChecker } from "../helpers/contract-check";
import { startApp, type RunningApp } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";

// Walks the API as a client would and checks every answer, success or refusal, against the served document:
// if a route's answer and the document drift apart, this fails.
let app: RunningApp;
let contract: ReturnType<typeof contractChecker>;

before(async () => {
  // A receiver on this machine may be registered (nothing listens there: no event is subscribed that the walk sends).
  app = await startApp({ WEBHOOKS_ALLOW_PRIVATE: "true" });
  const res = await fetch(`${app.baseUrl}/api/openapi.json`);
  assert.equal(res.status, 200);
  contract = contractChecker(await res.json());
});
after(async () => {
  await app?.stop();
});

type Answer = { status: number; json: unknown; headers: Headers };

/** One call; `template` is the document's path, `values` fill it in; the answer is checked before it returns. */
async function call(
  method: string,
  template: string,
  options: {
    values?: Record<string, string | number>;
    body?: unknown;
    query?: string;
    headers?: Record<string, string>;
    token?: boolean;
  } = {},
): Promise<Answer> {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => String(options.values?.[name]));
  const headers: Record<string, string> = { ...(options.token === false ? {} : app.auth), ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${app.baseUrl}${path}${options.query ?? ""}`, { method, headers, body });
  const type = response.headers.get("content-type");
  const text = await response.text();
  const json = type?.startsWith("application/json") && text ? JSON.parse(text) : text;
  contract.check(method, template, response.status, type, response.status === 304 ? null : json);
  return { status: response.status, json, headers: response.headers };
}

const waitForJob = (id: string, wanted: string) =>
  waitFor(
    `job ${id} to be ${wanted}`,
    async () => {
      const job = (await call("GET", "/api/jobs/{id}", { values: { id } })).json as JobView;
      if (job.isFinal && job.status !== wanted) throw new Error(`job ended ${job.status}: ${job.error}`);
      return job.status === wanted ? job : null;
    },
    { timeoutMs: 180_000, intervalMs: 250 },
  );

describe("API contract: every answer fits the OpenAPI document", () => {
  it("create, poll, edit, approve, version, export", async () => {
    const created = (
      await call("POST", "/api/jobs", { body: { prompt: "A fox at dawn. It sleeps under a pine.", sceneCount: 2 } })
    ).json as JobView;
    let job = await waitForJob(created.id, "awaiting_approval");
    const ids = { id: job.id, sceneId: job.scenes[0]!.id };
    const polled = await call("GET", "/api/jobs/{id}", { values: ids });
    const etag = polled.headers.get("etag")!;
    assert.equal((await call("GET", "/api/jobs/{id}", { values: ids, headers: { "If-None-Match": etag } })).status, 304);
    await call("GET", "/api/jobs", { query: "?limit=5" });
    await call("GET", "/api/estimate", { query: "?sceneCount=2" });
    assert.equal(
      (await call("PATCH", "/api/jobs/{id}/scenes/{sceneId}", { values: ids, body: { caption: "First light." } })).status,
      200,
    );
    assert.equal((await call("POST", "/api/jobs/{id}/approve", { values: ids })).status, 200);
    assert.equal((await call("POST", "/api/jobs/{id}/approve", { values: ids })).status, 409);
    job = await waitForJob(job.id, "completed");

    await call("PATCH", "/api/jobs/{id}/scenes/{sceneId}", { values: ids, body: { caption: "Later light." } });
    await call("GET", "/api/jobs/{id}/versions/estimate", { values: ids });
    assert.equal((await call("POST", "/api/jobs/{id}/versions", { values: ids })).status, 202);
    await waitForJob(job.id, "completed");
    await call("GET", "/api/jobs/{id}/versions", { values: ids });

    const exported = await call("POST", "/api/jobs/{id}/exports", { values: ids, body: { version: 1, preset: "square" } });
    const exportId = (exported.json as { id: string }).id;
    await call("GET", "/api/jobs/{id}/exports", { values: ids });
    await call("GET", "/api/jobs/{id}/exports/{exportId}", { values: { ...ids, exportId } });
    await call("GET", "/api/jobs/{id}/captions/{format}", { values: { ...ids, format: "vtt" } });
  });

  it("uploads and tokens", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 30, b: 160 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)]), "hero.png");
    const uploaded = await call("POST", "/api/uploads", { body: form });
    assert.equal(uploaded.status, 201);
    const uploadId = (uploaded.json as { id: string }).id;
    await call("GET", "/api/uploads");
    await call("GET", "/api/uploads/{id}", { values: { id: uploadId } });
    assert.equal((await call("DELETE", "/api/uploads/{id}", { values: { id: uploadId } })).status, 204);

    const token = await call("POST", "/api/tokens", { body: { name: "contract" } });
    assert.equal(token.status, 201);
    await call("GET", "/api/tokens");
    assert.equal((await call("DELETE", "/api/tokens/{id}", { values: { id: (token.json as { id: string }).id } })).status, 204);

    const hook = await call("POST", "/api/webhooks", { body: { url: "http://127.0.0.1:9/hook", events: ["export.completed"] } });
    assert.equal(hook.status, 201);
    await call("GET", "/api/webhooks");
    assert.equal((await call("POST", "/api/webhooks", { body: { url: "ftp://example.com", events: [] } })).status, 400);
    const hookId = { id: (hook.json as { endpoint: { id: string } }).endpoint.id };
    assert.equal((await call("DELETE", "/api/webhooks/{id}", { values: hookId })).status, 204);
    assert.equal((await call("DELETE", "/api/webhooks/{id}", { values: hookId })).status, 404);
  });

  it("refusals carry the one error body with a declared status", async () => {
    assert.equal((await call("POST", "/api/jobs", { body: { prompt: "" } })).status, 400);
    assert.equal((await call("POST", "/api/jobs", { body: "{not json" })).status, 400);
    assert.equal((await call("GET", "/api/jobs", { token: false })).status, 401);
    assert.equal((await call("GET", "/api/jobs/{id}", { values: { id: "nope" } })).status, 404);
    assert.equal((await call("DELETE", "/api/tokens/{id}", { values: { id: "nope" } })).status, 404);
    assert.equal((await call("POST", "/api/jobs/{id}/cancel", { values: { id: "nope" } })).status, 404);
    assert.equal((await call("GET", "/api/health")).status, 200);
  });

  it("reports what it walked", () => {
    // At least this many distinct operation-statuses were checked; the list is printed for a reader.
    console.log([...contract.seen].sort().join("\n"));
    assert.ok(contract.seen.size >= 30, `only ${contract.seen.size} answers were checked`);
  });
});
