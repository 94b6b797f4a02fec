import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { waitFor } from "../helpers/wait-for";
import { freePort, startApp, startWorker, type RunningApp, type RunningWorker } from "../helpers/start-app";

// One web server (no runner of its own) and one worker with its metrics port: the web server answers the
// requests, the worker does the job's work, and each one's metrics and log lines say so.

const METRICS_TOKEN = "metrics-token-for-the-observability-test";
let app: RunningApp;
let worker: RunningWorker;
let workerMetrics: string;

before(async () => {
  app = await startApp({ RUN_WORKER: "false", METRICS_TOKEN });
  const port = await freePort();
  worker = await startWorker(app.dataDir, { METRICS_TOKEN, WORKER_METRICS_PORT: String(port) });
  workerMetrics = `http://127.0.0.1:${port}/metrics`;
});
after(async () => {
  await Promise.all([worker?.stop(), app?.stop()]);
});

/** The value of one sample in Prometheus text, by name and the labels given (others may be there too). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (match[2] ?? "").includes(`${k}="${v}"`));
    if (has) total += Number(match[3]);
  }
  return total;
}

const scrape = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers }).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), text: await r.text() }));
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const logLines = (output: string) =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("metrics and logs", () => {
  let jobId = "";
  let shareUrl = "";

  it("GET /api/metrics: 401 without credentials or with a wrong token, 404 for a person who is not an admin", async () => {
    assert.equal((await scrape(`${app.baseUrl}/api/metrics`)).status, 401);
    assert.equal((await scrape(`${app.baseUrl}/api/metrics`, bearer("not-the-metrics-token-at-all"))).status, 401);
    const person = await invitePerson(app, { name: "Pat", email: "pat@storyreel.test", password: "pat's long password" });
    const notAdmin = await scrape(`${app.baseUrl}/api/metrics`, bearer(person));
    assert.equal(notAdmin.status, 404);
    assert.doesNotMatch(notAdmin.text, /storyreel_/);
  });

  it("x-request-id: a plain one is kept and returned, a hostile one replaced; each request gets a log line", async () => {
    const kept = await fetch(`${app.baseUrl}/api/jobs`, { headers: { ...app.auth, "x-request-id": "obs-test-0001" } });
    assert.equal(kept.status, 200);
    assert.equal(kept.headers.get("x-request-id"), "obs-test-0001");
    const replaced = await fetch(`${app.baseUrl}/api/health`, { headers: { "x-request-id": "bad id with spaces" } });
    assert.match(replaced.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    // Refused by the Node server before Next sees it: traced all the same.
    const refused = await fetch(`${app.baseUrl}/api/jobs`, { method: "DELETE", headers: { "x-request-id": "obs-test-0002" } });
    assert.equal(refused.headers.get("x-request-id"), "obs-test-0002");
    const lines = logLines(app.logs());
    const line = lines.find((l) => l.requestId === "obs-test-0001" && l.msg === "request answered");
    assert.ok(line, "the request's line carries its id");
    assert.equal(line.route, "/api/jobs");
    assert.equal(line.status, 200);
    assert.equal(typeof line.ms, "number");
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/);
    assert.equal(line.level, "info");
  });

  it(
    "a job run by the worker: its lines carry the job id, and the counters on both ports move",
    { timeout: 120_000 },
    async () => {
      const api = apiClient(app.baseUrl, app.token);
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366aa" } })
        .png()
        .toBuffer();
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "square.png");
      const uploaded = await fetch(`${app.baseUrl}/api/uploads`, { method: "POST", headers: app.auth, body: form });
      assert.equal(uploaded.status, 201, await uploaded.clone().text());

      const job = await api.createJob({ prompt: "A lamp glows. The room wakes.", sceneCount: 2, autoApprove: true });
      jobId = job.id;
      await api.waitForStatus(jobId, ["completed"], 110_000);
      const shared = await api.request("POST", `/api/jobs/${jobId}/share`, {});
      assert.equal(shared.status, 201);
      shareUrl = (shared.json as { url: string }).url;
      // A streamed answer and a Next route, each with its id, counted below under its route the same way.
      const streamed = await fetch(shareUrl, { headers: { Range: "bytes=0-99", "x-request-id": "obs-stream-1" } });
      assert.equal(streamed.status, 206);
      assert.equal(streamed.headers.get("x-request-id"), "obs-stream-1");
      await streamed.arrayBuffer();
      const routed = await fetch(`${app.baseUrl}/api/jobs/${jobId}`, { headers: { ...app.auth, "x-request-id": "obs-route-1" } });
      assert.equal(routed.status, 200);
      assert.equal(routed.headers.get("x-request-id"), "obs-route-1");
      await routed.arrayBuffer();
      const missing = await fetch(`${app.baseUrl}/api/media/videos/${jobId}/nothing.mp4`, { headers: app.auth });
      assert.equal(missing.status, 404);
      const missingBody = (await missing.json()) as { error: { requestId: string } };
      assert.equal(missingBody.error.requestId, missing.headers.get("x-request-id"));
      const notZip = await fetch(`${app.baseUrl}/api/jobs/import`, {
        method: "POST",
        headers: { ...app.auth, "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(notZip.status, 415);
      await notZip.arrayBuffer();
      // Each line is written once its answer is complete, and read from the server's pipe a moment later.
      const answered = () => logLines(app.logs()).filter((l) => l.msg === "request answered");
      await waitFor(
        "both requests' lines",
        () => answered().filter((l) => /^obs-(stream|route)-1$/.test(String(l.requestId))).length === 2,
      );
      const lines = answered();
      assert.equal(lines.find((l) => l.requestId === "obs-stream-1")?.route, "/api/share/[...link]");
      assert.equal(lines.find((l) => l.requestId === "obs-route-1")?.route, "/api/jobs/[id]");

      const web = await scrape(`${app.baseUrl}/api/metrics`, bearer(METRICS_TOKEN));
      assert.equal(web.status, 200);
      assert.match(web.type ?? "", /^text\/plain; version=0\.0\.4/);
      assert.ok(sample(web.text, "storyreel_http_requests_total", { route: "/api/jobs", status: "201" }) >= 1);
      assert.ok(sample(web.text, "storyreel_http_requests_total", { route: "/api/jobs/[id]", status: "200" }) >= 1);
      assert.ok(sample(web.text, "storyreel_http_requests_total", { route: "/api/share/[...link]", status: "206" }) >= 1);
      assert.ok(sample(web.text, "storyreel_http_request_duration_seconds_count", { route: "/api/jobs/[id]" }) >= 1);
      assert.ok(sample(web.text, "storyreel_http_request_duration_seconds_count", { route: "/api/share/[...link]" }) >= 1);
      assert.ok(sample(web.text, "storyreel_http_requests_total", { route: "/api/media/[...key]", status: "404" }) >= 1);
      assert.ok(
        sample(web.text, "storyreel_http_requests_total", { route: "/api/jobs/import", status: "415" }) >= 1,
        "the streamed import is counted as itself, not as a job id",
      );
      assert.ok(sample(web.text, "storyreel_upload_bytes_total", { kind: "image" }) > 0);
      assert.doesNotMatch(web.text, new RegExp(jobId), "routes are counted by pattern, never by id");
      assert.match(web.text, /^storyreel_queue_depth\{state="waiting"\} 0$/m);

      // The admin may read the web server's metrics with a session as well.
      assert.equal((await scrape(`${app.baseUrl}/api/metrics`, { Cookie: app.cookie })).status, 200);

      assert.equal((await scrape(workerMetrics)).status, 404, "the worker's port asks for METRICS_TOKEN too");
      const work = await scrape(workerMetrics, bearer(METRICS_TOKEN));
      assert.equal(work.status, 200);
      for (const stage of ["queued", "parsing", "storyboarding", "rendering", "stitching"]) {
        assert.ok(sample(work.text, "storyreel_job_stages_total", { stage, outcome: "done" }) >= 1, stage);
      }
      assert.ok(sample(work.text, "storyreel_job_stage_duration_seconds_count", { stage: "rendering" }) >= 1);
      assert.ok(sample(work.text, "storyreel_job_runs_total", { outcome: "completed" }) >= 1);
      assert.equal(
        sample(work.text, "storyreel_generation_calls_total", { backend: "local", kind: "still", outcome: "succeeded" }),
        2,
      );
      assert.ok(sample(work.text, "storyreel_ffmpeg_duration_seconds_count", { outcome: "ok" }) >= 2);
      assert.ok(sample(work.text, "storyreel_queue_wait_seconds_count") >= 1);
      assert.match(work.text, /^storyreel_circuit_breaker_state\{service="replicate"\} 0$/m);
      assert.match(work.text, /^nodejs_heap_size_used_bytes /m, "Node's own metrics too");
      assert.equal(sample(work.text, "storyreel_http_requests_total"), 0, "the worker answers no HTTP of the app's");

      // "generation call" is written deep in the ledger, which is never told the job's id: the runner's context is.
      const jobLines = logLines(worker.logs()).filter((l) => l.msg === "stage started" || l.msg === "generation call");
      assert.ok(jobLines.filter((l) => l.msg === "generation call").length >= 5);
      assert.ok(
        jobLines.every((l) => l.jobId === jobId && l.requestId === undefined),
        "every line of the job's work carries its id, and no request's",
      );
    },
  );

  it("no secret it used is anywhere in either process's whole log output", async () => {
    const cookieValue = app.cookie.split("=").slice(1).join("=").split(";")[0]!;
    const signature = shareUrl.split("/").at(-1)!;
    assert.ok(cookieValue.length > 10 && signature.length > 10);
    // A request that puts the token where a careless log line would pick it up, and an invite link opened.
    await fetch(`${app.baseUrl}/api/jobs/${jobId}?token=${app.token}`, { headers: { ...app.auth, Cookie: app.cookie } });
    const invite = await fetch(`${app.baseUrl}/api/invites`, {
      method: "POST",
      headers: { ...app.auth, "content-type": "application/json" },
      body: "{}",
    });
    const inviteUrl = ((await invite.json()) as { url: string }).url;
    const page = await fetch(inviteUrl);
    assert.equal(page.status, 200);
    await page.text();
    const inviteToken = inviteUrl.split("/invite/")[1]!;
    // Its line is written once the page has been sent, and read from the server's pipe a moment later.
    await waitFor("the invite page's log line", () => app.logs().includes('"route":"/invite/[token]"'));
    const output = app.logs() + worker.logs();
    assert.match(output, /"msg":"request answered"/, "the log was written");
    assert.match(output, /\/api\/share\/[^/]+\/\d+\/\[redacted\]/, "the share link is logged without its signature");
    assert.match(output, /"path":"\/invite\/\[redacted\]"/, "the invite page is logged without its token");
    for (const [name, secret] of Object.entries({ token: app.token, cookieValue, METRICS_TOKEN, signature, inviteToken })) {
      assert.ok(!output.includes(secret), `${name} is not in the log`);
    }
  });
});
