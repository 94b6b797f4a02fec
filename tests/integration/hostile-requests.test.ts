import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { JobView } from "@/lib/jobs/job-view";
import { signWebhook } from "@/lib/webhooks/verify-webhook";
import { apiClient } from "../helpers/api-client";
import { hangUpMidBody, rawRequest, type RawRequest, type RawResponse } from "../helpers/raw-http";
import { queryDb } from "../helpers/read-db";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";

// Requests an attacker (or a careless client) sends: wrong methods, foreign origins and hosts, broken
// encodings, huge bodies, races and path tricks. Each must get its own 4xx with a sentence a person can
// read, write nothing, log no error, and leave the server healthy.
const WEBHOOK_SECRET = `whsec_${Buffer.from("hostile-suite-secret-0123456789").toString("base64")}`;

let app: RunningApp;
let api: ReturnType<typeof apiClient>;
let job: JobView;
let sent = 0;

// As the owner's script would send them (a personal token), unless a test sends its own credentials.
const send = (request: RawRequest): Promise<RawResponse> => {
  sent++;
  return rawRequest(app.baseUrl, { ...request, headers: { authorization: `Bearer ${app.token}`, ...request.headers } });
};
const host = () => new URL(app.baseUrl).host;
const json = (body: unknown, extra: Record<string, string> = {}) => ({
  headers: { "Content-Type": "application/json", ...extra },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/** Everything a refused request must leave as it was: rows, their versions, and files. */
function snapshot() {
  return {
    jobs: queryDb(app.dataDir, "SELECT id, status, version, prompt FROM Job ORDER BY id"),
    scenes: queryDb(app.dataDir, "SELECT id, position, caption, imagePrompt, durationSec, stillKey FROM Scene ORDER BY id"),
    calls: queryDb(app.dataDir, "SELECT COUNT(*) AS n FROM Generation"),
    webhooks: queryDb(app.dataDir, "SELECT COUNT(*) AS n FROM WebhookDelivery"),
    files: listFiles(app.dataDir),
  };
}

// An error-level log line, or a stack trace printed by anything else (Next.js prints its own).
const errorLines = () =>
  app
    .logs()
    .split("\n")
    .filter((line) => line.includes('"level":"error"') || /^\s*at |^\w*Error\b/.test(line));

function assertRefused(res: RawResponse, status: number, pattern: RegExp, what: string): void {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
  const message = res.json?.error?.message ?? "";
  assert.match(message, pattern, `${what}: ${message}`);
  assert.match(message, /^[A-Z"].*[.)]$/, `${what}: reads as a sentence: ${message}`);
  // One error body, whoever wrote it (the Node server, a streamed answer, a route): never cached, and naming the
  // request the way its x-request-id header does.
  assert.equal(res.headers["content-type"], "application/json", what);
  assert.equal(res.headers["cache-control"], "no-store", what);
  assert.match(res.json?.error?.code ?? "", /^[a-z_]+$/, what);
  assert.ok(res.headers["x-request-id"], `${what}: has a request id`);
  assert.equal((res.json?.error as { requestId?: string } | undefined)?.requestId, res.headers["x-request-id"], what);
  assert.doesNotMatch(
    message,
    /Invalid input|expected \w+, received|Too (small|big)|undefined|NaN/,
    `${what}: no validator jargon: ${message}`,
  );
}

/** Runs a group of refusals and proves none of them wrote anything or logged an error. */
async function refusesWithoutWriting(group: () => Promise<void>): Promise<void> {
  const before = snapshot();
  const errorsBefore = errorLines().length;
  await group();
  assert.deepEqual(snapshot(), before, "a refused request wrote nothing");
  assert.deepEqual(errorLines().slice(errorsBefore), [], "and logged no server error");
  assert.equal((await send({ path: "/api/health" })).status, 200, "the server is still healthy");
}

before(async () => {
  app = await startApp({ REPLICATE_WEBHOOK_SECRET: WEBHOOK_SECRET, ALLOWED_HOSTS: "studio.example" });
  api = apiClient(app.baseUrl, app.token);
  const created = await api.createJob({ prompt: "A heron in the reeds. It flies over the marsh. Night falls.", sceneCount: 3 });
  job = await api.waitForStatus(created.id, ["awaiting_approval"], 60_000);
});
after(async () => {
  await app?.stop();
});

describe("hostile requests", () => {
  it("methods: every route answers an unsupported method with 405, an Allow header and a sentence", async () => {
    const [scene] = job.scenes;
    await refusesWithoutWriting(async () => {
      const cases: [string, string, string][] = [
        ["PUT", "/api/jobs", "GET, HEAD, POST, OPTIONS"],
        ["DELETE", "/api/jobs", "GET, HEAD, POST, OPTIONS"],
        ["PATCH", "/api/jobs", "GET, HEAD, POST, OPTIONS"],
        ["POST", `/api/jobs/${job.id}`, "GET, HEAD, OPTIONS"],
        ["DELETE", `/api/jobs/${job.id}`, "GET, HEAD, OPTIONS"],
        ["GET", `/api/jobs/${job.id}/approve`, "POST, OPTIONS"],
        ["PUT", `/api/jobs/${job.id}/cancel`, "POST, OPTIONS"],
        ["GET", `/api/jobs/${job.id}/retry`, "POST, OPTIONS"],
        ["POST", `/api/jobs/${job.id}/scenes/${scene!.id}`, "PATCH, DELETE, OPTIONS"],
        ["GET", `/api/jobs/${job.id}/scenes/${scene!.id}/regenerate`, "POST, OPTIONS"],
        ["POST", `/api/jobs/${job.id}/scenes/order`, "PUT, OPTIONS"],
        ["POST", `/api/media/${scene!.stillUrl!.replace("/api/media/", "")}`, "GET, HEAD, OPTIONS"],
        ["POST", "/api/estimate", "GET, HEAD, OPTIONS"],
        ["DELETE", "/api/health", "GET, HEAD, OPTIONS"],
        ["GET", "/api/webhooks/replicate", "POST, OPTIONS"],
      ];
      for (const [method, path, allow] of cases) {
        const res = await send({ method, path, headers: { "Content-Type": "application/json" } });
        assertRefused(res, 405, new RegExp(`${method} is not allowed on .*; it takes ${allow}`), `${method} ${path}`);
        assert.equal(res.headers.allow, allow, `${method} ${path}`);
      }
      for (const path of ["/", "/api/jobs", `/jobs/${job.id}`]) {
        const res = await send({ method: "TRACE", path });
        assertRefused(res, 405, /The TRACE method is not supported here/, `TRACE ${path}`);
        assert.match(String(res.headers.allow), /GET, HEAD, POST/);
      }
      const options = await send({ method: "OPTIONS", path: "/api/jobs" });
      assert.equal(options.status, 204);
      assert.equal(options.headers.allow, "GET, HEAD, POST, OPTIONS");
    });
  });

  it("origins: no other web page can approve, cancel, retry, edit, redraw, reorder, remove or create", async () => {
    const [first, second, third] = job.scenes;
    const evil = { Origin: "https://evil.example" };
    await refusesWithoutWriting(async () => {
      const form = { "Content-Type": "application/x-www-form-urlencoded" };
      const attempts: [string, string, Record<string, string>, string?][] = [
        ["POST", `/api/jobs/${job.id}/approve`, { ...evil, ...form }, "x=1"],
        ["POST", `/api/jobs/${job.id}/approve`, { ...evil, ...form }],
        ["POST", `/api/jobs/${job.id}/cancel`, { "Sec-Fetch-Site": "cross-site" }],
        ["POST", `/api/jobs/${job.id}/retry`, { ...evil }],
        ["POST", `/api/jobs/${job.id}/scenes/${first!.id}/regenerate`, { ...evil, "Content-Type": "text/plain" }, "{}"],
        ["DELETE", `/api/jobs/${job.id}/scenes/${first!.id}`, { "Sec-Fetch-Site": "same-site" }],
        [
          "PATCH",
          `/api/jobs/${job.id}/scenes/${first!.id}`,
          { ...evil, "Content-Type": "application/json" },
          '{"caption":"pwned"}',
        ],
        [
          "PUT",
          `/api/jobs/${job.id}/scenes/order`,
          { ...evil, "Content-Type": "application/json" },
          JSON.stringify({ sceneIds: [third!.id, second!.id, first!.id] }),
        ],
        ["POST", "/api/jobs", { Origin: "null", "Content-Type": "application/json" }, '{"prompt":"spend their money"}'],
        [
          "POST",
          "/api/jobs",
          { Origin: `http://${host()}.evil.example`, "Content-Type": "application/json" },
          '{"prompt":"spend it"}',
        ],
        // A server action posted from another site (Next's own check would answer 500).
        ["POST", `/jobs/${job.id}`, { ...evil, "Next-Action": "0".repeat(40), "Content-Type": "text/plain;charset=UTF-8" }, "[]"],
      ];
      for (const [method, path, headers, body] of attempts) {
        const res = await send({ method, path, headers, body });
        assertRefused(
          res,
          403,
          /A request from another site cannot change anything here/,
          `${method} ${path} ${JSON.stringify(headers)}`,
        );
      }
    });
    // The same requests from the app's own origin, or from a script with no Origin at all (curl), go through.
    const own = await send({
      method: "PATCH",
      path: `/api/jobs/${job.id}/scenes/${first!.id}`,
      ...json({ caption: "Edited at home." }, { Origin: app.baseUrl, "Sec-Fetch-Site": "same-origin" }),
    });
    assert.equal(own.status, 200, own.text);
    const script = await send({
      method: "PATCH",
      path: `/api/jobs/${job.id}/scenes/${first!.id}`,
      ...json({ caption: "Edited by a script." }),
    });
    assert.equal(script.status, 200, script.text);
  });

  it("content types: the API takes JSON or nothing, never a form or a look-alike type", async () => {
    await refusesWithoutWriting(async () => {
      const types = [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json-seq",
        "application/jsonx",
      ];
      for (const type of types) {
        const res = await send({
          method: "POST",
          path: "/api/jobs",
          headers: { "Content-Type": type },
          body: '{"prompt":"a fox"}',
        });
        assertRefused(res, 415, /Content-Type: application\/json/, type);
      }
      const untyped = await send({ method: "POST", path: "/api/jobs", body: '{"prompt":"a fox"}' });
      assertRefused(untyped, 415, /Content-Type: application\/json/, "a body with no type");
      const formApprove = await send({
        method: "POST",
        path: `/api/jobs/${job.id}/approve`,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      assertRefused(formApprove, 415, /application\/json/, "an empty form post with no Origin");
    });
  });

  it("hosts: a name that is not this server's (DNS rebinding) reads nothing", async () => {
    await refusesWithoutWriting(async () => {
      for (const forged of [
        "attacker.example",
        "attacker.example:80",
        `evil.${host()}`,
        "127.0.0.1.nip.io",
        "localhost.evil.example",
        "user@localhost",
        "[::2]",
      ]) {
        for (const path of ["/api/jobs", "/", `/api/jobs/${job.id}`]) {
          const res = await send({ path, headers: { Host: forged } });
          assertRefused(res, 421, /This server does not answer to the host/, `${forged} ${path}`);
          assert.ok(!res.text.includes(job.id), `${forged} ${path}: no job id leaks`);
        }
      }
    });
    for (const allowed of [
      host(),
      `localhost:${new URL(app.baseUrl).port}`,
      `[::1]:${new URL(app.baseUrl).port}`,
      "studio.example",
      "STUDIO.example:443",
    ]) {
      assert.equal((await send({ path: "/api/jobs", headers: { Host: allowed } })).status, 200, allowed);
    }
  });

  it("encodings: broken UTF-16, broken UTF-8 and broken percent-encoding are the client's mistake", async () => {
    const [scene] = job.scenes;
    await refusesWithoutWriting(async () => {
      const surrogate = await send({ method: "POST", path: "/api/jobs", ...json('{"prompt":"a fox \\ud800 in the snow"}') });
      assertRefused(surrogate, 400, /The prompt contains a broken character/, "lone surrogate in the prompt");
      const caption = await send({
        method: "PATCH",
        path: `/api/jobs/${job.id}/scenes/${scene!.id}`,
        ...json('{"caption":"\\udfff"}'),
      });
      assertRefused(caption, 400, /The caption contains a broken character/, "lone surrogate in a caption");
      const badUtf8 = await send({
        method: "POST",
        path: "/api/jobs",
        headers: { "Content-Type": "application/json" },
        body: Buffer.from([0x7b, 0x22, 0x70, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      assertRefused(badUtf8, 400, /not valid UTF-8/, "invalid UTF-8 bytes");
      for (const path of [
        "/api/media/%c0%ae%c0%ae/x.jpg",
        "/api/jobs/%c0",
        "/jobs/%E0%A4%A",
        "/%ff",
        `/api/jobs/${job.id}/scenes/%80/regenerate`,
      ]) {
        const res = await send({ method: path.endsWith("regenerate") ? "POST" : "GET", path });
        assertRefused(res, 400, /broken percent-encoding/, path);
      }
      for (const [body, pattern] of [
        ["null", /must be a JSON object/],
        ["[]", /must be a JSON object/],
        ['"a fox"', /must be a JSON object/],
        ["{", /not valid JSON/],
        ["", /body is empty/],
        ['{"prompt":{"text":"a fox"}}', /The prompt must be text/],
        ['{"prompt":"a fox","sceneCount":"4"}', /Scene count must be a whole number/],
        ['{"prompt":"a fox","seed":-1}', /The seed must be a whole number/],
        ['{"prompt":"a fox","autoApprove":"yes"}', /The field "autoApprove" must be true or false/],
        ['{"prompt":"a fox","__proto__":{"admin":true}}', /Unknown field: __proto__/],
      ] as const) {
        const res = await send({ method: "POST", path: "/api/jobs", ...json(body) });
        assertRefused(res, 400, pattern, body);
      }
    });
  });

  it("sizes: a huge body is refused by its declared length, before it is read, on every endpoint", async () => {
    const declared = { "Content-Length": String(50 * 1024 * 1024) };
    await refusesWithoutWriting(async () => {
      const jobs = await send({
        method: "POST",
        path: "/api/jobs",
        headers: { "Content-Type": "application/json", ...declared },
        body: '{"prompt":"',
        sendOnly: 11,
      });
      assertRefused(jobs, 413, /larger than 1,024 KB/, "declared 50 MB on /api/jobs");
      assert.ok(jobs.ms < 2000, `answered in ${jobs.ms} ms without waiting for the body`);
      const real = await send({ method: "POST", path: "/api/jobs", ...json({ prompt: "x".repeat(100 * 1024) }) });
      assertRefused(real, 413, /larger than 64 KB/, "a 100 KB body");
      const timestamp = String(Math.floor(Date.now() / 1000));
      const hook = await send({
        method: "POST",
        path: "/api/webhooks/replicate",
        headers: {
          "Content-Type": "application/json",
          "webhook-id": "msg_big",
          "webhook-timestamp": timestamp,
          "webhook-signature": "v1,abc",
          ...declared,
        },
        body: "{",
        sendOnly: 1,
      });
      assertRefused(hook, 413, /larger than 1,024 KB/, "declared 50 MB on the webhook");
      assert.ok(hook.ms < 2000, `answered in ${hook.ms} ms without waiting for the body`);
      const unsigned = await send({
        method: "POST",
        path: "/api/webhooks/replicate",
        headers: { "Content-Type": "application/json", "Content-Length": String(900 * 1024) },
        body: "{",
        sendOnly: 1,
      });
      assertRefused(unsigned, 401, /missing its webhook-id/, "no signature headers: refused before reading");
      assert.ok(unsigned.ms < 2000, `answered in ${unsigned.ms} ms without waiting for the body`);
      const tooLong = await send({ method: "POST", path: "/api/jobs", ...json({ prompt: "x".repeat(2001) }) });
      assertRefused(tooLong, 400, /The prompt is too long: keep it to 2,000 characters/, "2,001 characters");
      const signed = JSON.stringify({ id: "p1", status: "succeeded" });
      const forged = await send({
        method: "POST",
        path: "/api/webhooks/replicate",
        ...json(signed, {
          "webhook-id": "msg_f",
          "webhook-timestamp": timestamp,
          "webhook-signature": `v1,${signWebhook(WEBHOOK_SECRET, "msg_f", timestamp, "{}")}`,
        }),
      });
      assertRefused(forged, 401, /signature does not match/, "a signature over another body");
    });
    const emoji = await send({ method: "POST", path: "/api/jobs", ...json({ prompt: "🦊".repeat(1500), sceneCount: 2 }) });
    assert.equal(emoji.status, 201, "1,500 emoji are 1,500 characters, within the limit");
    const drafted = await api.waitForStatus(String(emoji.json.id), ["awaiting_approval"], 60_000);
    assert.ok(
      drafted.scenes.every((scene) => scene.caption.isWellFormed() && scene.imagePrompt.isWellFormed()),
      "no emoji cut in half",
    );
    assert.equal((await send({ method: "POST", path: `/api/jobs/${drafted.id}/cancel` })).status, 200);
  });

  it("a client that hangs up mid-body is not a server error", async () => {
    await refusesWithoutWriting(async () => {
      await hangUpMidBody(
        app.baseUrl,
        "/api/jobs",
        { "Content-Type": "application/json", "Content-Length": "5000" },
        '{"prompt":"a fox',
      );
      await hangUpMidBody(
        app.baseUrl,
        `/api/jobs/${job.id}/scenes/order`,
        { "Content-Type": "application/json", "Content-Length": "900" },
        '{"sceneIds":[',
      );
      sent += 2;
    });
  });

  it("queries and ids: an unknown cursor, a bad limit or a malformed id is refused in words", async () => {
    await refusesWithoutWriting(async () => {
      assertRefused(
        await send({ path: "/api/jobs?cursor=cmunknownjob00000" }),
        400,
        /cursor does not name a job/,
        "unknown cursor",
      );
      assertRefused(await send({ path: "/api/jobs?cursor=..%2F..%2Fetc" }), 400, /That is not a job id/, "cursor with a path");
      assertRefused(
        await send({ path: "/api/jobs?limit=abc" }),
        400,
        /The page size \(limit\) must be a whole number from 1 to 100/,
        "limit=abc",
      );
      assertRefused(
        await send({ path: "/api/jobs?limit=0" }),
        400,
        /The page size \(limit\) must be a whole number from 1 to 100/,
        "limit=0",
      );
      assertRefused(
        await send({ path: "/api/estimate?sceneCount=NaN" }),
        400,
        /Scene count must be a whole number/,
        "sceneCount=NaN",
      );
      assertRefused(
        await send({ path: `/api/jobs/${job.id.toUpperCase()}` }),
        404,
        /That job does not exist/,
        "an id in capitals",
      );
      const order = await send({
        method: "PUT",
        path: `/api/jobs/${job.id}/scenes/order`,
        ...json({ sceneIds: ["../../etc/passwd"] }),
      });
      assertRefused(order, 400, /That is not a scene id/, "a path as a scene id");
      const edit = await send({
        method: "PATCH",
        path: `/api/jobs/${job.id}/scenes/${job.scenes[0]!.id}`,
        ...json({ durationSec: 99 }),
      });
      assertRefused(edit, 400, /A scene lasts from 1.5 to 15 seconds/, "a 99-second scene");
    });
  });

  it("traversal: no path reaches a file outside the job's own media", async () => {
    const still = job.scenes[1]!.stillUrl!;
    await refusesWithoutWriting(async () => {
      for (const path of [
        "/api/media/storyreel.db",
        "/api/media/..%2Fstoryreel.db",
        "/api/media/videos/..%2F..%2Fstoryreel.db",
        `/api/media/storyboards/${job.id}/..%2F..%2F..%2Fstoryreel.db`,
        `/api/media/storyboards/${job.id}/%2e%2e%2fx.jpg`,
        `/api/media/storyboards/${job.id}/x.jpg%00.mp4`,
        "/api/media/%2Fetc%2Fpasswd",
        `/api/media/storyboards/${job.id}/..%5C..%5Cstoryreel.db`,
        "/api/media/videos/cmdoesnotexist000000/final.mp4",
        `${still}.part`,
      ]) {
        const res = await send({ path });
        assertRefused(res, 404, /does not exist/, path);
      }
    });
  });

  it("races: twenty approves at once start rendering once; ten cancels at once cancel once", async () => {
    const raced = await api.createJob({ prompt: "A race to approve. Only one wins.", sceneCount: 2 });
    await api.waitForStatus(raced.id, ["awaiting_approval"], 60_000);
    const approves = await Promise.all(
      Array.from({ length: 20 }, () => send({ method: "POST", path: `/api/jobs/${raced.id}/approve` })),
    );
    assert.deepEqual(approves.map((r) => r.status).sort(), [200, ...Array(19).fill(409)]);
    for (const refused of approves.filter((r) => r.status === 409))
      assertRefused(refused, 409, /cannot be approved now/, "a second approve");
    const cancels = await Promise.all(
      Array.from({ length: 10 }, () => send({ method: "POST", path: `/api/jobs/${raced.id}/cancel` })),
    );
    assert.deepEqual(cancels.map((r) => r.status).sort(), [200, ...Array(9).fill(409)]);
    const rendering = queryDb<{ n: number }>(
      app.dataDir,
      "SELECT COUNT(*) AS n FROM Generation WHERE jobId = ? AND kind = 'clip' AND status = 'succeeded'",
      raced.id,
    );
    assert.ok(rendering[0]!.n <= 2, "no clip was rendered twice");
  });

  it("a removed scene's still is no longer served", async () => {
    const scene = job.scenes[2]!;
    assert.equal((await send({ path: scene.stillUrl! })).status, 200);
    assert.equal((await send({ method: "DELETE", path: `/api/jobs/${job.id}/scenes/${scene.id}` })).status, 200);
    assertRefused(await send({ path: scene.stillUrl! }), 404, /That file does not exist/, "the removed scene's still");
  });

  it("media answers carry their length, ranges and the security headers; pages forbid framing", async () => {
    const still = job.scenes[0]!.stillUrl!;
    const head = await send({ method: "HEAD", path: still });
    assert.equal(head.status, 200);
    assert.ok(Number(head.headers["content-length"]) > 1000, `HEAD has Content-Length: ${head.headers["content-length"]}`);
    const whole = await send({ path: still });
    assert.equal(Number(whole.headers["content-length"]), Number(head.headers["content-length"]));
    const range = await send({ path: still, headers: { Range: "bytes=0-99" } });
    assert.deepEqual([range.status, range.headers["content-length"]], [206, "100"]);
    assertRefused(
      await send({ path: still, headers: { Range: "bytes=99999999-" } }),
      416,
      /outside the file/,
      "a range past the end",
    );
    for (const path of ["/", `/jobs/${job.id}`, "/api/jobs", still]) {
      const res = await send({ path });
      assert.equal(res.headers["x-frame-options"], "DENY", path);
      assert.equal(res.headers["x-content-type-options"], "nosniff", path);
      assert.equal(res.headers["referrer-policy"], "same-origin", path);
      assert.match(String(res.headers["content-security-policy"]), /frame-ancestors 'none'/, path);
    }
    const page = await send({ path: `/jobs/${job.id}` });
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(String(page.headers["content-security-policy"]))?.[1];
    assert.ok(nonce, "pages allow only scripts with this response's nonce");
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(
      scripts.length > 0 && scripts.every((tag) => tag.includes(`nonce="${nonce}"`)),
      "every script of the page carries it",
    );
  });

  it(`ends healthy after ${"them all"}, with no error logged for any client mistake`, async () => {
    const health = await send({ path: "/api/health" });
    assert.equal(health.status, 200);
    assert.deepEqual(errorLines(), []);
    assert.ok(sent >= 60, `${sent} hostile requests`);
    console.log(`hostile requests: ${sent} sent, every one answered in words, nothing written by a refused one, no error logged`);
  });
});
