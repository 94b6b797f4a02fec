import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import sharp from "sharp";
import { downloadOutput, type DownloadOptions } from "@/lib/backends/replicate/download-output";
import { outputUrlRefusal, parseOutputHosts } from "@/lib/backends/replicate/output-hosts";
import { ReplicateError } from "@/lib/backends/replicate/replicate-errors";
import { Resilience } from "@/lib/backends/replicate/resilience";

// Downloads of model outputs against a real local HTTP server playing a file host that misbehaves.
const MB = 1024 * 1024;
const LIMIT = MB;

let server: http.Server;
let base: string;
let png: Buffer;
const requested: string[] = [];
/** Bytes the server managed to hand to the socket per path before the client let go. */
const written = new Map<string, number>();

/** Writes `total` bytes of a PNG-looking body in 64 KB pieces, counting what the socket took. */
function endless(res: http.ServerResponse, path: string, total: number) {
  const piece = Buffer.concat([png, Buffer.alloc(64 * 1024)]).subarray(0, 64 * 1024);
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += piece.length;
      written.set(path, sent);
      if (!res.write(piece)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on("close", () => written.set(path, sent));
  pump();
}

before(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
  server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    requested.push(path);
    if (path === "/still.png") return void res.writeHead(200, { "Content-Type": "image/png" }).end(png);
    if (path === "/moved.png") return void res.writeHead(302, { Location: `${base}/still.png` }).end();
    if (path === "/chunked.png") {
      res.writeHead(200, { "Content-Type": "image/png" });
      return endless(res, path, 50 * MB);
    }
    if (path === "/gzip.png") {
      // 20 MB that compress to a few KB: the declared length is the small one.
      const body = gzipSync(Buffer.concat([png, Buffer.alloc(20 * MB)]));
      return void res
        .writeHead(200, { "Content-Type": "image/png", "Content-Encoding": "gzip", "Content-Length": body.length })
        .end(body);
    }
    if (path === "/declared.png") {
      res.writeHead(200, { "Content-Type": "image/png", "Content-Length": String(2 * LIMIT) });
      return endless(res, path, 2 * LIMIT);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const resilience = () => new Resilience({ baseDelayMs: 1, breakerThreshold: 100, halfOpenAfterMs: 50, maxPauseMs: 1000 });
const options = (hosts = ["http://127.0.0.1"]): DownloadOptions => ({
  hosts: parseOutputHosts(hosts),
  maxBytes: LIMIT,
  timeoutMs: 10_000,
});
const download = (url: string, hosts?: string[]) =>
  downloadOutput(resilience(), url, "image", options(hosts), new AbortController().signal);

async function refused(work: Promise<unknown>, kind: string, pattern: RegExp) {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof ReplicateError, String(error));
    assert.equal(error.kind, kind, error.message);
    assert.match(error.userMessage, pattern);
    return true;
  });
}

describe("downloading a model's output", () => {
  it("takes a file from a listed host", async () => {
    assert.deepEqual(await download(`${base}/still.png`), png);
  });

  it("does not follow a redirect, even to a listed host, and does not retry it", async () => {
    requested.length = 0;
    await refused(download(`${base}/moved.png`), "invalid", /redirect to somewhere else, which is not followed/);
    assert.deepEqual(requested, ["/moved.png"], "one request, and the target was never fetched");
  });

  it("sends no request to a host that is not on the list, or over http where the list says https", async () => {
    requested.length = 0;
    const port = new URL(base).port;
    await refused(
      download(`http://localhost:${port}/still.png`),
      "invalid",
      /on localhost, which is not one of the hosts outputs may come from \(REPLICATE_OUTPUT_HOSTS\)/,
    );
    await refused(download(`${base}/still.png`, ["127.0.0.1"]), "invalid", /downloaded over https only/);
    await refused(download("https://"), "invalid", /not a web address that can be downloaded/);
    assert.deepEqual(requested, []);
  });

  it("cuts off a body larger than the limit that declares no length", async () => {
    written.delete("/chunked.png");
    await refused(download(`${base}/chunked.png`), "invalid", /too large to keep/);
    await new Promise((r) => setTimeout(r, 100));
    const sent = written.get("/chunked.png") ?? 0;
    assert.ok(sent < 20 * MB, `the server got to write ${Math.round(sent / MB)} MB of 50 MB before the download let go`);
  });

  it("cuts off a body whose Content-Length tells its compressed size, counting what it inflates to", async () => {
    await refused(download(`${base}/gzip.png`), "invalid", /too large to keep/);
  });

  it("refuses a declared length over the limit before reading it", async () => {
    await refused(download(`${base}/declared.png`), "invalid", /too large to keep/);
  });
});

describe("output hosts", () => {
  const defaults = parseOutputHosts(["replicate.delivery", "*.replicate.delivery"]);
  const check = (url: string) => outputUrlRefusal(new URL(url), defaults);

  it("allow Replicate's delivery hosts over https by default", () => {
    assert.equal(check("https://replicate.delivery/xezq/out-0.webp"), null);
    assert.equal(check("https://pbxt.replicate.delivery/abc/output.mp4"), null);
    assert.equal(check("data:image/png;base64,iVBORw0KGgo="), null, "inline outputs touch no network");
  });

  it("refuse look-alikes, credentials, other schemes and plain http", () => {
    for (const url of [
      "https://replicate.delivery.evil.example/x.png",
      "https://evilreplicate.delivery/x.png",
      "https://169.254.169.254/latest/meta-data/",
      "https://user:pass@replicate.delivery/x.png",
      "file:///etc/passwd",
    ]) {
      assert.match(String(check(url)), /not one of the hosts outputs may come from/, url);
    }
    assert.match(String(check("http://replicate.delivery/x.png")), /over https only/);
  });
});
