import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { prepareFreshDataDir } from "../helpers/test-database";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/create-job";
import { createJobSchema } from "@/lib/jobs/schemas";
import { transitionJob } from "@/lib/jobs/transition-job";
import { postWebhook } from "@/lib/outgoing-webhooks/post-webhook";
import { assertPublicReceiver, isPrivateAddress } from "@/lib/outgoing-webhooks/receiver-address";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints } from "@/lib/outgoing-webhooks/webhook-endpoints";
import { createWebhookSchema } from "@/lib/outgoing-webhooks/webhook-events";
import { retryDelayMs, WebhookSender } from "@/lib/outgoing-webhooks/webhook-sender";

const OWNER = "local";

/** A receiver in this process: each request is answered by the next of `answers` (the last one repeats). */
async function receiver(answers: ("ok" | "fail" | "hang" | "redirect")[]) {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)];
      if (answer === "hang") return;
      if (answer === "redirect") return res.writeHead(307, { location: "http://169.254.169.254/" }).end();
      res.writeHead(answer === "ok" ? 204 : 503).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const refused = (pattern: RegExp) => (error: unknown) =>
  error instanceof AppError && error.status === 400 && pattern.test(error.message);

before(() => {
  prepareFreshDataDir("webhooks");
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
});

describe("a webhook's address", () => {
  it("knows the private, loopback, link-local and mapped ranges from public ones", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "::ffff:127.0.0.1",
      "not an address",
    ])
      assert.ok(isPrivateAddress(address), address);
    for (const address of ["93.184.216.34", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"])
      assert.ok(!isPrivateAddress(address), address);
  });

  it("refuses private receivers with a sentence unless the operator allows them, and never takes credentials", async () => {
    for (const url of [
      "http://127.0.0.1:9/x",
      "http://localhost/x",
      "http://[::1]/x",
      "http://169.254.169.254/latest/meta-data",
      "http://[::ffff:10.0.0.1]/",
    ])
      await assert.rejects(assertPublicReceiver(new URL(url), false), refused(/private or loopback address/), url);
    await assertPublicReceiver(new URL("http://127.0.0.1:9/x"), true);
    await assert.rejects(assertPublicReceiver(new URL("https://user:pw@example.com/"), true), refused(/user name and password/));
    await assert.rejects(assertPublicReceiver(new URL("https://no-such-host.invalid/"), false), refused(/could not be found/));
  });

  it("is parsed with sentences for what is wrong", () => {
    const problems = (body: unknown) => createWebhookSchema.safeParse(body).error?.issues.map((i) => i.message) ?? [];
    assert.deepEqual(problems({ url: "ftp://example.com", events: ["video.completed"] }), [
      "url must be the http:// or https:// address to send events to.",
    ]);
    assert.match(problems({ url: "https://example.com", events: [] })[0]!, /events must be a list of one or more of/);
    assert.match(problems({ url: "https://example.com", events: ["video.exploded"] })[0]!, /events must be a list/);
    assert.deepEqual(createWebhookSchema.parse({ url: " https://example.com/h ", events: ["video.failed", "video.failed"] }), {
      url: "https://example.com/h",
      events: ["video.failed"],
    });
  });
});

describe("one delivery", () => {
  it("is signed so the Standard Webhooks reference library verifies it", async () => {
    const hook = await receiver(["ok"]);
    try {
      const secret = `whsec_${Buffer.from("a secret of thirty-two bytes!!!!").toString("base64")}`;
      const body = JSON.stringify({ type: "video.completed", data: { id: "j1" } });
      const outcome = await postWebhook({ url: hook.url, secret, id: "msg_1", body, timeoutMs: 5000, allowPrivate: true });
      assert.deepEqual(outcome, { ok: true, status: 204 });
      const { headers, body: got } = hook.received[0]!;
      assert.deepEqual(new Webhook(secret).verify(got, headers as Record<string, string>), JSON.parse(body));
      assert.throws(() =>
        new Webhook(`whsec_${Buffer.from("another secret, thirty-two bytes").toString("base64")}`).verify(
          got,
          headers as Record<string, string>,
        ),
      );
    } finally {
      await hook.close();
    }
  });

  it("does not connect to a private address when they are not allowed, follow a redirect, or wait past its time", async () => {
    const hook = await receiver(["redirect", "hang"]);
    try {
      const send = (allowPrivate: boolean, timeoutMs = 5000) =>
        postWebhook({
          url: hook.url.replace("127.0.0.1", "localhost"),
          secret: "whsec_a2V5",
          id: "msg_2",
          body: "{}",
          timeoutMs,
          allowPrivate,
        });
      const blocked = await send(false);
      assert.equal(blocked.ok, false);
      assert.match(!blocked.ok ? blocked.error : "", /private or loopback address/);
      assert.equal(hook.received.length, 0, "nothing reached the receiver");
      assert.deepEqual(await send(true), { ok: false, status: 307, error: "answered 307" });
      const hung = await send(true, 300);
      assert.deepEqual(hung, { ok: false, status: null, error: "no answer within 300 ms" });
    } finally {
      await hook.close();
    }
  });
});

describe("the webhook sender", () => {
  const sender = (overrides: { maxAttempts?: number; timeoutMs?: number } = {}) =>
    new WebhookSender({
      db: getDb(),
      pollMs: 20,
      retryBaseMs: 20,
      maxAttempts: overrides.maxAttempts ?? 5,
      timeoutMs: overrides.timeoutMs ?? 2000,
      allowPrivate: true,
    });
  const waitUntil = async (check: () => Promise<boolean>, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  let running: WebhookSender | undefined;
  after(() => running?.stop());

  it("queues a video's events with the change itself, only for the endpoints that asked, and lands one that fails twice", async () => {
    const hook = await receiver(["fail", "fail", "ok"]);
    const other = await receiver(["ok"]);
    try {
      const { endpoint, secret } = await createWebhookEndpoint(OWNER, { url: hook.url, events: ["video.storyboard_ready"] });
      const { endpoint: onlyCompleted } = await createWebhookEndpoint(OWNER, { url: other.url, events: ["video.completed"] });
      const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A lighthouse at dusk.", sceneCount: 2 }));
      await getDb().job.update({ where: { id: job.id }, data: { status: "storyboarding" } });
      assert.equal(await transitionJob(getDb(), job.id, "storyboarding", "awaiting_approval"), true);
      assert.equal(
        await transitionJob(getDb(), job.id, "storyboarding", "awaiting_approval"),
        false,
        "a second attempt changes nothing",
      );
      const queued = await getDb().webhookSend.findMany({ where: { endpoint: { ownerId: OWNER } } });
      assert.deepEqual(
        queued.map((q) => [q.endpointId, q.event]),
        [[endpoint.id, "video.storyboard_ready"]],
      );

      running = sender();
      running.start();
      await waitUntil(
        async () => (await getDb().webhookSend.findUniqueOrThrow({ where: { id: queued[0]!.id } })).status === "delivered",
      );
      await running.stop();
      assert.equal(hook.received.length, 3, "failed twice, landed on the third");
      const ids = new Set(hook.received.map((r) => r.headers["webhook-id"]));
      assert.equal(ids.size, 1, "every attempt carries the same webhook-id, so the receiver can drop repeats");
      const event = new Webhook(secret).verify(hook.received[2]!.body, hook.received[2]!.headers as Record<string, string>) as {
        type: string;
        data: { id: string; status: string };
      };
      assert.equal(event.type, "video.storyboard_ready");
      assert.deepEqual([event.data.id, event.data.status], [job.id, "awaiting_approval"]);
      const row = await getDb().webhookSend.findUniqueOrThrow({ where: { id: queued[0]!.id } });
      assert.deepEqual([row.attempts, row.lastStatus], [3, 204]);
      const [, listed] = (await listWebhookEndpoints(OWNER)).sort((a) => (a.id === endpoint.id ? 1 : -1));
      assert.deepEqual([listed!.lastStatus, listed!.lastError], [204, null]);
      assert.equal(other.received.length, 0);
      await deleteWebhookEndpoint(OWNER, onlyCompleted.id);
      await deleteWebhookEndpoint(OWNER, endpoint.id);
    } finally {
      await hook.close();
      await other.close();
    }
  });

  it("gives up on a receiver that hangs after its last attempt, recording why", async () => {
    const hook = await receiver(["hang"]);
    try {
      const { endpoint } = await createWebhookEndpoint(OWNER, { url: hook.url, events: ["video.failed"] });
      const job = await createJob(OWNER, createJobSchema.parse({ prompt: "A boat in fog.", sceneCount: 2 }));
      assert.equal(await transitionJob(getDb(), job.id, "queued", "failed", { data: { error: "It broke." } }), true);
      running = sender({ maxAttempts: 2, timeoutMs: 200 });
      running.start();
      await waitUntil(
        async () => (await getDb().webhookSend.findFirstOrThrow({ where: { endpointId: endpoint.id } })).status === "failed",
      );
      await running.stop();
      const row = await getDb().webhookSend.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      assert.deepEqual([row.attempts, row.lastStatus, row.lastError], [2, null, "no answer within 200 ms"]);
      assert.equal(JSON.parse(row.payload).data.error, "It broke.");
      await assert.rejects(
        deleteWebhookEndpoint("someone-else", endpoint.id),
        (e: unknown) => e instanceof AppError && e.status === 404,
      );
    } finally {
      await hook.close();
    }
  });

  it("waits longer after each failure, up to six hours", () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(15_000, n)),
      [15_000, 30_000, 60_000, 120_000],
    );
    assert.equal(retryDelayMs(15_000, 30), 6 * 3600_000);
  });
});
