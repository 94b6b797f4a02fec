import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasMetricsToken } from "@/lib/metrics/metrics-access";
import { serveWorkerMetrics } from "@/lib/metrics/metrics-server";

// Before lib/env is first read (at the first check): it is validated once per process.
process.env.METRICS_TOKEN = "a-metrics-token-long-enough";

const headers = (authorization?: string) => new Headers(authorization ? { authorization } : {});

describe("who may read metrics", () => {
  it("METRICS_TOKEN as a bearer token, exactly; nothing else passes for it", () => {
    assert.ok(hasMetricsToken(headers("Bearer a-metrics-token-long-enough")));
    assert.ok(hasMetricsToken(headers("bearer  a-metrics-token-long-enough ")));
    for (const other of [undefined, "a-metrics-token-long-enough", "Bearer a-metrics-token-long-enoug", "Bearer ", "Basic x"]) {
      assert.ok(!hasMetricsToken(headers(other)), String(other));
    }
  });

  it("a worker will not serve its metrics beyond loopback without a token to ask for", () => {
    assert.throws(() => serveWorkerMetrics(0, "0.0.0.0", false), /WORKER_METRICS_PORT on 0\.0\.0\.0 needs METRICS_TOKEN/);
  });

  it("a worker's port answers only GET /metrics, and only with the token", async () => {
    const server = await serveWorkerMetrics(0, "127.0.0.1", true);
    try {
      const { port } = server.address() as { port: number };
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/metrics`)).status, 404);
      assert.equal(
        (await fetch(`${base}/other`, { headers: { authorization: "Bearer a-metrics-token-long-enough" } })).status,
        404,
      );
      const post = await fetch(`${base}/metrics`, {
        method: "POST",
        headers: { authorization: "Bearer a-metrics-token-long-enough" },
      });
      assert.equal(post.status, 404);
      assert.match(await post.text(), /this port serves GET \/metrics/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
