import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { ReplicateError, parseResetsIn, parseRetryAfter } from "@/lib/backends/replicate/replicate-errors";
import { Resilience } from "@/lib/backends/replicate/resilience";
import { ReplicateApi } from "@/lib/backends/replicate/replicate-api";

const options = { baseDelayMs: 5, breakerThreshold: 3, halfOpenAfterMs: 40, maxPauseMs: 5000 };
const serverError = () => new ReplicateError("server", "Replicate's API is having trouble.");

describe("Replicate resilience policy", () => {
  it("retries retryable failures up to the limit, then gives up with the last error", async () => {
    const policy = new Resilience({ ...options, breakerThreshold: 100 });
    let calls = 0;
    await assert.rejects(
      policy.run(
        async () => {
          calls++;
          throw serverError();
        },
        { maxRetries: 2, signal: new AbortController().signal },
      ),
      /having trouble/,
    );
    assert.equal(calls, 3, "one try and two retries");
  });

  it("does not retry a refused token or a rejected input", async () => {
    const policy = new Resilience(options);
    let calls = 0;
    await assert.rejects(
      policy.run(
        async () => {
          calls++;
          throw new ReplicateError("auth", "Replicate refused the API token.");
        },
        { maxRetries: 3, signal: new AbortController().signal },
      ),
      /refused/,
    );
    assert.equal(calls, 1);
  });

  it("waits at least Retry-After, and backs off 3x per attempt", () => {
    const policy = new Resilience({ ...options, baseDelayMs: 5000 });
    const throttled = new ReplicateError("throttled", "slow down", { retryAfterMs: 60_000 });
    assert.equal(policy.delayFor(1, throttled), 60_000);
    const [d1, d2, d3] = [1, 2, 3].map((n) => policy.delayFor(n, serverError()));
    assert.ok(
      d1! >= 5000 && d1! <= 6000 && d2! >= 15_000 && d2! <= 18_000 && d3! >= 45_000 && d3! <= 54_000,
      `${d1} ${d2} ${d3}`,
    );
    assert.equal(parseRetryAfter("3"), 3000);
    assert.equal(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())! > 8000, true);
  });

  it("opens after consecutive API failures, pauses the work instead of failing it, and closes when the API is back", async () => {
    const policy = new Resilience(options);
    let down = true;
    let calls = 0;
    const states = new Set<string>();
    const watch = setInterval(() => states.add(policy.state), 5);
    setTimeout(() => (down = false), 400);
    const result = await policy.run(
      () =>
        policy.guard(async () => {
          calls++;
          if (down) throw serverError();
          return "done";
        }),
      { maxRetries: 3, signal: new AbortController().signal },
    );
    clearInterval(watch);
    assert.equal(result, "done");
    assert.ok(states.has("open"), "it opened");
    assert.equal(policy.state, "closed");
    assert.ok(calls < 20, `paused rather than hammering: ${calls} calls in 400 ms`);
  });

  it("leaves no abort listener behind, however many calls share one signal", async () => {
    const policy = new Resilience(options);
    const abort = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    for (let i = 0; i < 50; i++) await policy.run(async () => i, { maxRetries: 1, signal: abort.signal });
    await new Promise((r) => setImmediate(r));
    process.off("warning", onWarning);
    assert.deepEqual(
      warnings.filter((w) => w.name === "MaxListenersExceededWarning"),
      [],
    );
  });

  it("stops waiting at once when the work is canceled", async () => {
    const policy = new Resilience({ ...options, baseDelayMs: 3000, breakerThreshold: 100 });
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(new Error("canceled")), 50);
    await assert.rejects(
      policy.run(async () => Promise.reject(serverError()), { maxRetries: 3, signal: abort.signal }),
      /canceled/,
    );
    assert.ok(Date.now() - started < 1000);
  });
});

describe("Replicate throttling", () => {
  it("waits out a 429 for every call of the process, spends no retry on it, and never opens the breaker", async () => {
    const states: string[] = [];
    const policy = new Resilience({ ...options, breakerThreshold: 2, onBreakerChange: (s) => states.push(s) });
    const signal = new AbortController().signal;
    let calls = 0;
    const started = Date.now();
    const result = await policy.run(
      () =>
        policy.guard(async () => {
          calls++;
          if (calls <= 4) throw new ReplicateError("throttled", "Throttled.", { retryAfterMs: 60 });
          return "ok";
        }, signal),
      { maxRetries: 1, signal },
    );
    assert.equal(result, "ok");
    assert.equal(calls, 5, "four 429s with one retry allowed: throttling is not a failed attempt");
    assert.ok(Date.now() - started >= 4 * 60 - 10, `waited each reset: ${Date.now() - started} ms`);
    assert.deepEqual(states, [], "the breaker never moved");
    assert.equal(policy.state, "closed");
  });

  it("reads the reset time from Replicate's words when Retry-After is missing", () => {
    assert.equal(parseResetsIn("Request was throttled. Your rate limit resets in ~30s."), 30_000);
    assert.equal(parseResetsIn("Request was throttled."), undefined);
  });
});

describe("Replicate throttling in the client", () => {
  it("holds a throttled poll until the limit resets, but lets go at once when the job is canceled", async () => {
    let requests = 0;
    const cancel = new AbortController();
    const server = http.createServer((_req, res) => {
      requests++;
      // Canceled once the 429 is being held (not on a timer, which a busy machine can beat to the first request).
      setTimeout(() => cancel.abort(), 200);
      res.writeHead(429, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ detail: "Request was throttled. Your rate limit resets in ~30s.", status: 429 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const api = new ReplicateApi({
        token: "r8_test",
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        requestTimeoutMs: 1000,
      });
      const started = Date.now();
      await assert.rejects(api.getPrediction("abc", cancel.signal));
      const waited = Date.now() - started;
      assert.ok(waited < 5000, `let go after ${waited} ms, not after the 30 s the 429 asked for`);
      assert.ok(waited >= 150, `held the 429 until the cancel (${waited} ms)`);
      assert.equal(requests, 1, "no re-send of a throttled request while holding it");
    } finally {
      server.close();
    }
  });
});
