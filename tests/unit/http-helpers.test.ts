import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { prepareFreshDataDir } from "../helpers/test-database";
import { rawRequest, streamBody, type RawResponse } from "../helpers/raw-http";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseByteRange } from "@/lib/http/byte-range";
import { defineRoute, type RouteContext } from "@/lib/http/define-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createJob } from "@/lib/jobs/create-job";
import { createJobSchema } from "@/lib/jobs/schemas";
import { createShareLink } from "@/lib/jobs/share-links";
import { createEdgeHandler } from "@/lib/server/edge-handler";
import { toHeaders } from "@/lib/server/node-answer";
import { guardOptions } from "@/lib/server/request-guard";
import { writeFileAtomic } from "@/lib/storage/file-storage";
import { etagMatches, jobEtag } from "@/lib/jobs/job-view";
import { parseMediaKey } from "@/lib/storage/keys";

const post = (body: string, type = "application/json") =>
  new Request("http://test/api", { method: "POST", headers: { "content-type": type }, body });

async function rejectsWith(promise: Promise<unknown>, status: number, pattern: RegExp) {
  await assert.rejects(
    promise,
    (error: unknown) => error instanceof AppError && error.status === status && pattern.test(error.message),
  );
}

describe("ETags", () => {
  it("match the same job version only", () => {
    const tag = jobEtag("abc", 3);
    assert.equal(tag, 'W/"abc.3"');
    assert.ok(etagMatches(tag, tag));
    assert.ok(etagMatches('"abc.3"', tag), "weak comparison ignores W/");
    assert.ok(etagMatches('W/"x.1", W/"abc.3"', tag));
    assert.ok(etagMatches("*", tag));
    assert.ok(!etagMatches(jobEtag("abc", 4), tag));
    assert.ok(!etagMatches(null, tag));
  });
  it("change when a waiting job moves up the line, though the job itself did not change", () => {
    assert.equal(jobEtag("abc", 3, 2), 'W/"abc.3.q2"');
    assert.ok(!etagMatches(jobEtag("abc", 3, 2), jobEtag("abc", 3, 1)));
    assert.ok(!etagMatches(jobEtag("abc", 3, 1), jobEtag("abc", 3, null)));
  });
});

describe("readJsonBody", () => {
  it("parses a JSON object", async () => {
    assert.deepEqual(await readJsonBody(post('{"a":1}')), { a: 1 });
  });
  it("refuses other content types with 415", async () => {
    await rejectsWith(readJsonBody(post("a=1", "application/x-www-form-urlencoded")), 415, /Content-Type: application\/json/);
  });
  it("refuses look-alike types: application/json exactly, with any parameters", async () => {
    await rejectsWith(readJsonBody(post('{"a":1}', "application/json-seq")), 415, /application\/json/);
    assert.deepEqual(await readJsonBody(post('{"a":1}', "Application/JSON; charset=utf-8")), { a: 1 });
  });
  it("refuses malformed, empty, non-object and non-UTF-8 bodies with 400", async () => {
    await rejectsWith(readJsonBody(post("{nope")), 400, /not valid JSON/);
    await rejectsWith(readJsonBody(post("")), 400, /empty/);
    await rejectsWith(readJsonBody(post("null")), 400, /must be a JSON object/);
    await rejectsWith(readJsonBody(post("[1]")), 400, /must be a JSON object/);
    const latin1 = new Request("http://test/api", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.from('{"a":"\xe9"}', "latin1"),
    });
    await rejectsWith(readJsonBody(latin1), 400, /not valid UTF-8/);
  });
  it("refuses bodies over the limit with 413", async () => {
    await rejectsWith(readJsonBody(post(JSON.stringify({ p: "x".repeat(2000) })), 1024), 413, /larger than 1 KB/);
  });
});

describe("parseByteRange", () => {
  it("reads open, closed and suffix ranges", () => {
    assert.deepEqual(parseByteRange("bytes=0-99", 1000), { start: 0, end: 99 });
    assert.deepEqual(parseByteRange("bytes=900-", 1000), { start: 900, end: 999 });
    assert.deepEqual(parseByteRange("bytes=-100", 1000), { start: 900, end: 999 });
    assert.deepEqual(parseByteRange("bytes=990-5000", 1000), { start: 990, end: 999 });
  });
  it("ignores what it cannot read and flags ranges outside the file", () => {
    assert.equal(parseByteRange(null, 1000), null);
    assert.equal(parseByteRange("bytes=0-1,5-9", 1000), null);
    assert.equal(parseByteRange("bytes=1000-", 1000), "unsatisfiable");
    assert.equal(parseByteRange("bytes=50-10", 1000), "unsatisfiable");
  });
});

describe("parseMediaKey", () => {
  it("accepts only the shapes storage generates", () => {
    assert.ok(parseMediaKey("videos/cmabc1234567890/final.mp4"));
    assert.ok(parseMediaKey("storyboards/cmabc1234567890/cmdef1234567890-r2.jpg"));
    assert.equal(parseMediaKey("videos/cmabc1234567890/../../storyreel.db"), null);
    assert.equal(parseMediaKey("storyreel.db"), null);
    assert.equal(parseMediaKey("uploads/cmabc1234567890/x.mp4"), null);
  });
});

// The edge (lib/server) with real route handlers behind it. Next's router is the one part left out: the routes are
// called as Next calls them (a web Request, the path's params), and their Response written back as it is.
const ROUTES: Record<string, { handler: (request: Request, context: RouteContext) => Promise<Response>; params?: object }> = {
  "/api/sizes": {
    handler: defineRoute({ public: true, query: z.object({ size: z.enum(["small", "large"]) }) }, async () => Response.json({})),
  },
  "/api/jobs/not-an-id": {
    handler: defineRoute({ public: true, ids: { id: "That job" } }, async () => Response.json({})),
    params: { id: "not-an-id" },
  },
  "/api/broken": {
    handler: defineRoute({ public: true }, async () => {
      throw new Error("the database password is hunter2");
    }),
  },
  // Reads whatever it is sent, with no limit of its own: only the edge's stops it.
  "/api/read-all": {
    handler: defineRoute({ public: true }, async ({ request }) => Response.json({ bytes: (await request.text()).length })),
  },
};

async function routeAsNextWould(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const route = ROUTES[url.pathname];
  if (!route) return void res.writeHead(404).end();
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: toHeaders(req.headers),
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
  const response = await route.handler(request, { params: Promise.resolve(route.params ?? {}) } as RouteContext);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

describe("the one error body, whoever answers", () => {
  let server: http.Server;
  let baseUrl = "";
  let shareUrl = "";

  before(async () => {
    prepareFreshDataDir("error-body");
    const guard = guardOptions({ ALLOWED_HOSTS: [] }, 1024 * 1024, 1024 * 1024);
    server = http.createServer(createEdgeHandler({ guard, trustProxy: false, development: false, next: routeAsNextWould }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const job = await createJob("local", createJobSchema.parse({ prompt: "A kite rises.", sceneCount: 2 }));
    await writeFileAtomic(`videos/${job.id}/final.mp4`, Buffer.alloc(1000, 1));
    await getDb().job.update({ where: { id: job.id }, data: { status: "completed", videoKey: `videos/${job.id}/final.mp4` } });
    shareUrl = (await createShareLink("local", job.id, 7)).path;
  });
  after(() => server?.close());

  /** The body every error answer has: its code, a sentence, and the id of the answer's x-request-id header. */
  function assertErrorBody(res: RawResponse, status: number, code: string, message: RegExp) {
    assert.equal(res.status, status, res.text);
    assert.equal(res.headers["content-type"], "application/json");
    assert.equal(res.headers["cache-control"], "no-store");
    const requestId = res.headers["x-request-id"];
    assert.ok(typeof requestId === "string" && requestId.length > 0, "the answer has a request id");
    assert.deepEqual(Object.keys(res.json), ["error"]);
    const error = res.json.error as unknown as Record<string, string>;
    assert.deepEqual(Object.keys(error), ["code", "message", "requestId"]);
    assert.equal(error.code, code);
    assert.match(error.message ?? "", message);
    assert.equal(error.requestId, requestId, "the body names the same request as the header");
  }

  it("a guard refusal (a host this server does not answer to)", async () => {
    const res = await rawRequest(baseUrl, { path: "/api/sizes", headers: { Host: "evil.example" } });
    assertErrorBody(res, 421, "misdirected_request", /does not answer to the host "evil\.example"/);
    assert.equal(res.headers.connection, "close");
  });

  it("a 413 from the body limit, for a body that never said how long it is", async () => {
    const res = await streamBody(baseUrl, {
      path: "/api/read-all",
      headers: { "Content-Type": "application/json", "x-request-id": "limit-1" },
      start: "",
      fill: "x",
      bytes: 8 * 1024 * 1024,
    });
    assertErrorBody(res, 413, "payload_too_large", /larger than 1,024 KB/);
    assert.equal(res.headers["x-request-id"], "limit-1");
    assert.equal(res.headers.connection, "close");
  });

  it("a streamed media answer: 404 for a share link that is not one, 416 for a range outside the file", async () => {
    assertErrorBody(
      await rawRequest(baseUrl, { path: "/api/share/nothing/1/x" }),
      404,
      "not_found",
      /shared video does not exist/,
    );
    const outside = await rawRequest(baseUrl, { path: shareUrl, headers: { Range: "bytes=5000-" } });
    assertErrorBody(outside, 416, "range_not_satisfiable", /outside the file/);
    assert.equal(outside.headers["content-range"], "bytes */1000");
    assert.equal((await rawRequest(baseUrl, { path: shareUrl, headers: { Range: "bytes=0-9" } })).status, 206);
  });

  it("an upload refusal from the streamed upload (nobody signed in), its body left unread", async () => {
    const res = await rawRequest(baseUrl, {
      method: "POST",
      path: "/api/uploads",
      headers: { "Content-Type": "multipart/form-data; boundary=x", Origin: baseUrl },
      body: "--x\r\n",
    });
    assertErrorBody(res, 401, "unauthorized", /Sign in first/);
    assert.equal(res.headers.connection, "close");
  });

  it("a route's zod 400 and defineRoute's 404", async () => {
    assertErrorBody(await rawRequest(baseUrl, { path: "/api/sizes?size=huge" }), 400, "invalid_input", /"size" is not valid/);
    assertErrorBody(await rawRequest(baseUrl, { path: "/api/jobs/not-an-id" }), 404, "not_found", /^That job does not exist\.$/);
  });

  it("a 500 for what nobody expected: the generic sentence and the id, never the error or its stack", async () => {
    const res = await rawRequest(baseUrl, { path: "/api/broken", headers: { "x-request-id": "broken-1" } });
    assertErrorBody(res, 500, "internal", /^Something went wrong on the server\. Please try again\.$/);
    assert.equal(res.headers["x-request-id"], "broken-1");
    assert.doesNotMatch(res.text, /hunter2|at .*\.ts:\d+/);
  });
});
