import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { signWebhook } from "@/lib/webhooks/verify-webhook";
import { rawRequest, streamBody, type StreamedBody } from "../helpers/raw-http";
import { OWNER, startApp, type RunningApp } from "../helpers/start-app";

// Bodies that do not say how large they are (chunked), sent to the built app over real HTTP: the server counts
// what arrives and stops at the route's limit, before anyone has signed in, however the route reads its body.
const WEBHOOK_SECRET = `whsec_${Buffer.from("request-bodies-suite-secret-0123").toString("base64")}`;
const MB = 1024 * 1024;
const LIMIT = MB; // the largest body any route but the upload reads

let app: RunningApp;

before(async () => {
  app = await startApp({ REPLICATE_WEBHOOK_SECRET: WEBHOOK_SECRET });
});
after(async () => {
  await app?.stop();
});

const residentBytes = (pid: number) => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(kb?.[1] ?? 0) * 1024;
};

/** Sends the body while sampling the server's resident memory: the answer, and how far memory rose above where it was. */
async function sendWatchingMemory(request: StreamedBody) {
  const startedAt = residentBytes(app.pid);
  let highest = startedAt;
  const sampler = setInterval(() => (highest = Math.max(highest, residentBytes(app.pid))), 10);
  try {
    const res = await streamBody(app.baseUrl, request);
    // What was read before the refusal may still be on its way to being freed; give it a moment to show.
    await new Promise((r) => setTimeout(r, 200));
    return { res, grewBy: Math.max(highest, residentBytes(app.pid)) - startedAt };
  } finally {
    clearInterval(sampler);
  }
}

const signInHeaders = () => ({ "Content-Type": "application/json", Origin: app.baseUrl });

describe("request bodies without a declared length", () => {
  it("a 200 MB chunked sign-in is answered 413 once the limit has arrived, and the server's memory stays flat", async () => {
    const { res, grewBy } = await sendWatchingMemory({
      path: "/api/auth/sign-in/email",
      headers: signInHeaders(),
      start: `{"email":"${OWNER.email}","password":"`,
      fill: "x",
      end: '"}',
      bytes: 200 * MB,
    });
    assert.equal(res.status, 413, res.text.slice(0, 300));
    assert.equal(res.json?.error?.code, "payload_too_large");
    assert.match(res.json?.error?.message ?? "", /^The request body is larger than (1,024|64) KB\.$/);
    assert.equal(res.headers.connection, "close");
    assert.match(String(res.headers["content-security-policy"]), /default-src 'none'/, "with the guard's headers");
    assert.ok(res.ms < 10_000, `answered in ${res.ms} ms`);
    assert.ok(res.sentBytes < 50 * MB, `answered after ${Math.round(res.sentBytes / MB)} MB of 200 MB were sent`);
    assert.ok(grewBy < 100 * MB, `the server's memory grew by ${Math.round(grewBy / MB)} MB`);
    console.log(
      `sign-in: 413 after ${Math.round(res.sentBytes / MB)} MB sent, in ${res.ms} ms; RSS rose ${Math.round(grewBy / MB)} MB`,
    );
  });

  it("a 200 MB chunked body to a JSON route is answered 413 the same way", async () => {
    const { res, grewBy } = await sendWatchingMemory({
      path: "/api/jobs",
      headers: { "Content-Type": "application/json", ...app.auth },
      start: '{"prompt":"',
      fill: "a heron ",
      end: '"}',
      bytes: 200 * MB,
    });
    assert.equal(res.status, 413, res.text.slice(0, 300));
    assert.match(res.json?.error?.message ?? "", /^The request body is larger than (1,024|64) KB\.$/);
    assert.ok(res.ms < 10_000, `answered in ${res.ms} ms`);
    assert.ok(res.sentBytes < 50 * MB, `answered after ${Math.round(res.sentBytes / MB)} MB of 200 MB were sent`);
    assert.ok(grewBy < 100 * MB, `the server's memory grew by ${Math.round(grewBy / MB)} MB`);
    console.log(
      `/api/jobs: 413 after ${Math.round(res.sentBytes / MB)} MB sent, in ${res.ms} ms; RSS rose ${Math.round(grewBy / MB)} MB`,
    );
  });

  it("the sign-in reads no more than a form's worth: a 100 KB body is refused, one just under 64 KB signs in", async () => {
    const padded = (bytes: number) => {
      const fields = JSON.stringify({ email: OWNER.email, password: OWNER.password });
      return `${fields.slice(0, -1)}${" ".repeat(bytes - fields.length)}}`;
    };
    const chunked = { ...signInHeaders(), "Transfer-Encoding": "chunked" };
    const large = await rawRequest(app.baseUrl, {
      method: "POST",
      path: "/api/auth/sign-in/email",
      headers: chunked,
      body: padded(100 * 1024),
    });
    assert.equal(large.status, 413, large.text.slice(0, 300));
    assert.match(large.json?.error?.message ?? "", /^The request body is larger than 64 KB\.$/);
    const fits = await rawRequest(app.baseUrl, {
      method: "POST",
      path: "/api/auth/sign-in/email",
      headers: chunked,
      body: padded(64 * 1024 - 1),
    });
    assert.equal(fits.status, 200, fits.text.slice(0, 300));
    assert.match(String(fits.headers["set-cookie"]), /session_token=/);
  });

  it("a signed webhook of exactly the limit, chunked, is taken; one byte more is refused", async () => {
    const webhook = (bytes: number, id: string) => {
      const start = `{"id":"p_unknown","status":"succeeded","logs":"`;
      const body = `${start}${"l".repeat(bytes - start.length - 2)}"}`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      return rawRequest(app.baseUrl, {
        method: "POST",
        path: "/api/webhooks/replicate",
        headers: {
          "Content-Type": "application/json",
          "Transfer-Encoding": "chunked",
          "webhook-id": id,
          "webhook-timestamp": timestamp,
          "webhook-signature": `v1,${signWebhook(WEBHOOK_SECRET, id, timestamp, body)}`,
        },
        body,
      });
    };
    const fits = await webhook(LIMIT, "msg_fits");
    assert.equal(fits.status, 200, fits.text.slice(0, 300));
    const over = await webhook(LIMIT + 1, "msg_over");
    assert.equal(over.status, 413, over.text.slice(0, 300));
    assert.match(over.json?.error?.message ?? "", /^The request body is larger than 1,024 KB\.$/);
    // Written to the socket by the body limit, past Next: the same body and request id as every other error answer.
    assert.equal(over.headers["cache-control"], "no-store");
    assert.ok(over.headers["x-request-id"]);
    assert.equal((over.json?.error as { requestId?: string }).requestId, over.headers["x-request-id"]);
  });

  it("after all that the server is healthy and logged no error", async () => {
    assert.equal((await rawRequest(app.baseUrl, { path: "/api/health" })).status, 200);
    const errors = app
      .logs()
      .split("\n")
      .filter((line) => line.includes('"level":"error"') || /^\s*at |^\w*Error\b|⨯/.test(line));
    assert.deepEqual(errors, []);
  });
});
