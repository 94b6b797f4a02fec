import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createLog } from "@/lib/log";
import { currentLogContext, runOutsideLogContext, runWithLogContext } from "@/lib/logging/log-context";
import { withErrors } from "@/lib/http/route-handler";
import { REQUEST_ID_HEADER, requestIdFrom, TRACED_HEADER } from "@/lib/http/request-id";
import { compileRoutes, matchRoute, UNMATCHED_ROUTE } from "@/lib/server/route-label";
import { notFound } from "@/lib/errors";
import { metrics } from "@/lib/metrics/metrics";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  return { log: createLog({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }), lines };
}

async function requestCount(route: string, status: string): Promise<number> {
  const metric = await metrics().httpRequests.get();
  return metric.values.find((v) => v.labels.route === route && v.labels.status === status)?.value ?? 0;
}

describe("request ids", () => {
  it("keep a caller's short, plain id and replace anything else with a fresh one", () => {
    assert.equal(requestIdFrom("abc-123_x.y:z"), "abc-123_x.y:z");
    assert.equal(requestIdFrom(["first", "second"]), "first");
    for (const bad of [undefined, null, "", "a".repeat(65), "has space", "new\nline", "<script>", "ü"]) {
      assert.match(requestIdFrom(bad), UUID, JSON.stringify(bad));
    }
    assert.notEqual(requestIdFrom(undefined), requestIdFrom(undefined));
  });
});

describe("log context", () => {
  it("is carried through awaits and timers into every line, and not beyond the work it was given to", async () => {
    const { log, lines } = capturedLog();
    await runWithLogContext({ jobId: "job-1" }, async () => {
      log.info("first");
      await sleep(1);
      await new Promise<void>((resolve) => setTimeout(() => (log.info("in a timer"), resolve()), 1));
      log.info("explicit fields win", { jobId: "job-2" });
    });
    log.info("outside");
    assert.deepEqual(
      lines.map((l) => [l.msg, l.jobId]),
      [
        ["first", "job-1"],
        ["in a timer", "job-1"],
        ["explicit fields win", "job-2"],
        ["outside", undefined],
      ],
    );
  });

  it("two requests at once keep their own ids; work started outside a context inherits none", async () => {
    const seen: (string | undefined)[] = [];
    await Promise.all(
      ["a", "b"].map((id) =>
        runWithLogContext({ requestId: id }, async () => {
          await sleep(id === "a" ? 5 : 1);
          seen.push(currentLogContext()?.requestId);
          runOutsideLogContext(() => seen.push(currentLogContext()?.requestId));
        }),
      ),
    );
    assert.deepEqual(seen.sort(), ["a", "b", undefined, undefined].sort());
  });
});

describe("a route handler's trace", () => {
  const handler = withErrors(async (request: Request) => {
    if (request.url.endsWith("/missing")) throw notFound("That job");
    return Response.json({ requestId: currentLogContext()?.requestId });
  });

  it("outside the Node server: takes no client's id, and counts nothing (counting is the server's, once)", async () => {
    const before = await requestCount(UNMATCHED_ROUTE, "200");
    const response = await handler(new Request("http://test/api/x", { headers: { [REQUEST_ID_HEADER]: "trace-1" } }));
    assert.deepEqual(await response.json(), {}, "no request id on the handler's lines");
    assert.equal(response.headers.get(REQUEST_ID_HEADER), null);
    assert.equal(await requestCount(UNMATCHED_ROUTE, "200"), before);
  });

  it("behind the Node server: an error body carries the server's id", async () => {
    const response = await handler(
      new Request("http://test/api/missing", { headers: { [REQUEST_ID_HEADER]: "from-edge-2", [TRACED_HEADER]: "1" } }),
    );
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      error: { code: "not_found", message: "That job does not exist.", requestId: "from-edge-2" },
    });
  });

  it("behind the Node server: logs under the server's id and leaves the counting to it", async () => {
    const before = await requestCount(UNMATCHED_ROUTE, "200");
    const response = await handler(
      new Request("http://test/api/x", { headers: { [REQUEST_ID_HEADER]: "from-edge", [TRACED_HEADER]: "1" } }),
    );
    assert.deepEqual(await response.json(), { requestId: "from-edge" });
    assert.equal(await requestCount(UNMATCHED_ROUTE, "200"), before);
  });
});

describe("route patterns", () => {
  const routes = compileRoutes({
    staticRoutes: [{ page: "/api/jobs/new", regex: "^/api/jobs/new(?:/)?$" }],
    dynamicRoutes: [
      { page: "/api/jobs/[id]", regex: "^/api/jobs/([^/]+?)(?:/)?$" },
      { page: "/api/jobs/[id]/captions/[format]", regex: "^/api/jobs/([^/]+?)/captions/([^/]+?)(?:/)?$" },
    ],
  });

  it("name the route a path reaches, so ids and probes never become series of their own", () => {
    assert.equal(matchRoute("/api/jobs/new", routes), "/api/jobs/new", "static before dynamic");
    assert.equal(matchRoute("/api/jobs/cm123", routes), "/api/jobs/[id]");
    assert.equal(matchRoute("/api/jobs/cm123/captions/vtt", routes), "/api/jobs/[id]/captions/[format]");
    assert.equal(matchRoute("/api/media/videos/cm1/final.mp4", routes), "/api/media/[...key]");
    assert.equal(matchRoute("/api/share/cm1/1767225600/sig", routes), "/api/share/[...link]");
    assert.equal(matchRoute("/api/jobs/import", routes), "/api/jobs/import", "the streamed import, not a job id");
    assert.equal(matchRoute("/api/uploads", routes), "/api/uploads");
    assert.equal(matchRoute("/wp-admin/../etc/passwd", routes), UNMATCHED_ROUTE);
  });
});
