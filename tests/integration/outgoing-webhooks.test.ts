import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { startApp, type RunningApp } from "../helpers/start-app";
import { waitFor } from "../helpers/wait-for";

// Outgoing webhooks on the real app: registered over HTTP, sent by its runner to a receiver in this process.
describe("outgoing webhooks", () => {
  let app: RunningApp;
  let strict: RunningApp;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let failuresLeft = 2;
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(failuresLeft-- > 0 ? 500 : 200).end("ok");
    });
  });
  let hookUrl = "";
  before(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    app = await startApp({ WEBHOOKS_ALLOW_PRIVATE: "true", WEBHOOK_RETRY_BASE_MS: "50" });
  });
  after(async () => {
    await app?.stop();
    await strict?.stop();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it(
    "sends a video's storyboard and completion, signed, retried past two failures, and records the last status",
    { timeout: 240_000 },
    async () => {
      const api = apiClient(app.baseUrl, app.token);
      const made = await api.request("POST", "/api/webhooks", {
        url: hookUrl,
        events: ["video.storyboard_ready", "video.completed"],
      });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      assert.match(made.json.secret, /^whsec_/);
      assert.equal(made.headers.get("cache-control"), "no-store");
      const listed = await api.request("GET", "/api/webhooks");
      assert.equal(listed.json.webhooks.length, 1);
      assert.equal(JSON.stringify(listed.json).includes(made.json.secret), false, "the secret is shown once");

      const job = await api.createJob({ prompt: "A lighthouse at dusk. A boat comes home.", sceneCount: 2 });
      await api.waitForStatus(job.id, ["awaiting_approval"], 120_000);
      assert.equal((await api.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
      await api.waitForStatus(job.id, ["completed"], 180_000);
      const verifier = new Webhook(made.json.secret);
      const events = await waitFor("both events to land", async () => {
        const ok = received
          .filter((r) => r.body.includes(job.id))
          .map(
            (r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, string> },
          );
        const types = new Set(ok.map((e) => e.type));
        return types.has("video.storyboard_ready") && types.has("video.completed") ? ok : undefined;
      });
      assert.equal(received.length, 4, "two failed attempts came before the two that landed, and nothing twice");
      assert.equal(new Set(received.map((r) => r.headers["webhook-id"])).size, 2, "a retry carries its event's id");
      const completed = events.find((e) => e.type === "video.completed")!;
      assert.equal(completed.data.status, "completed");
      assert.match(completed.data.videoUrl!, /^\/api\/media\/videos\//, "a path, without PUBLIC_BASE_URL to make it whole");
      const after = await waitFor("the endpoint to record a 200", async () => {
        const row = (await api.request("GET", "/api/webhooks")).json.webhooks[0];
        return row.lastStatus === 200 ? row : undefined;
      });
      assert.equal(after.lastError, null);
    },
  );

  it("refuses bad and private addresses with a sentence, and another person's webhook is not theirs to delete", async () => {
    strict = await startApp();
    const api = apiClient(strict.baseUrl, strict.token);
    const bad = await api.request("POST", "/api/webhooks", { url: "javascript:alert(1)", events: ["video.completed"] });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.message, "url must be the http:// or https:// address to send events to.");
    const loopback = await api.request("POST", "/api/webhooks", { url: hookUrl, events: ["video.completed"] });
    assert.equal(loopback.status, 400);
    assert.match(loopback.json.error.message, /private or loopback address/);
    const metadata = await api.request("POST", "/api/webhooks", {
      url: "http://169.254.169.254/latest",
      events: ["video.failed"],
    });
    assert.equal(metadata.status, 400);

    const own = await apiClient(app.baseUrl, app.token).request("GET", "/api/webhooks");
    const other = apiClient(
      app.baseUrl,
      await invitePerson(app, { name: "Bea", email: "bea@storyreel.test", password: "bea's long password" }),
    );
    assert.deepEqual((await other.request("GET", "/api/webhooks")).json.webhooks, []);
    assert.equal((await other.request("DELETE", `/api/webhooks/${own.json.webhooks[0].id}`)).status, 404);
    assert.equal(
      (await apiClient(app.baseUrl, app.token).request("DELETE", `/api/webhooks/${own.json.webhooks[0].id}`)).status,
      204,
    );
  });
});
