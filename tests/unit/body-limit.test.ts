import assert from "node:assert/strict";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { limitRequestBody } from "@/lib/server/body-limit";
import { streamBody } from "../helpers/raw-http";
import { waitFor } from "../helpers/wait-for";

// A real HTTP server whose handler reads every body whole with no limit of its own, in each of the ways Next.js
// reads one: the counter in front of it must stop the body at the limit, whichever way it is read.
const LIMIT = 64 * 1024;
const READERS: Record<string, (req: http.IncomingMessage) => Promise<number>> = {
  data: (req) =>
    new Promise((resolve, reject) => {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => (bytes += chunk.length));
      req.on("end", () => resolve(bytes));
      req.on("error", reject);
    }),
  iterator: async (req) => {
    let bytes = 0;
    for await (const chunk of req) bytes += (chunk as Buffer).length;
    return bytes;
  },
  "web stream": async (req) => (await new Response(Readable.toWeb(req) as ReadableStream<Uint8Array>).arrayBuffer()).byteLength,
};

let server: http.Server;
let baseUrl: string;
const seen: { reader: string; bytes: number | "failed" }[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    limitRequestBody(
      req,
      res,
      LIMIT,
      { status: 413, code: "payload_too_large", message: "The request body is larger than 64 KB." },
      { "X-Frame-Options": "DENY" },
    );
    const reader = String(req.headers["x-reader"]);
    if (reader === "none") return void res.writeHead(200, { "Content-Type": "text/plain" }).end("answered unread");
    // Answered late, as Next.js would once its read has failed: by then the socket is gone.
    READERS[reader]!(req).then(
      (bytes) => {
        seen.push({ reader, bytes });
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ bytes }));
      },
      () => {
        seen.push({ reader, bytes: "failed" });
        res.writeHead(400).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

describe("the request body counter", () => {
  for (const reader of Object.keys(READERS)) {
    it(`stops a chunked body past the limit with a 413, read through ${reader}`, async () => {
      seen.length = 0;
      const res = await streamBody(baseUrl, {
        path: "/",
        headers: { "X-Reader": reader },
        start: "",
        fill: "x",
        bytes: 50 * 1024 * 1024,
      });
      assert.equal(res.status, 413, res.text);
      assert.deepEqual(res.json, { error: { code: "payload_too_large", message: "The request body is larger than 64 KB." } });
      assert.equal(res.headers.connection, "close");
      assert.equal(res.headers["x-frame-options"], "DENY", "with the headers it was given");
      assert.ok(res.sentBytes < 20 * 1024 * 1024, `answered after ${res.sentBytes} bytes of 50 MB`);
      await waitFor("the reader to finish", () => seen.length > 0);
      assert.deepEqual(seen, [{ reader, bytes: "failed" }], "the reader never got the whole body");
    });

    it(`passes a chunked body of exactly the limit, read through ${reader}`, async () => {
      const res = await streamBody(baseUrl, { path: "/", headers: { "X-Reader": reader }, start: "", fill: "y", bytes: LIMIT });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { bytes: LIMIT });
    });
  }

  it("closes the connection of a body nobody reads, however much more the client sends", { timeout: 30_000 }, async () => {
    const { port } = new URL(baseUrl);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => undefined);
    socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Reader: none\r\nTransfer-Encoding: chunked\r\n\r\n");
    const chunk = Buffer.from(`10000\r\n${"x".repeat(0x10000)}\r\n`);
    let sent = 0;
    const total = 500 * 1024 * 1024;
    const deadline = Date.now() + 20_000;
    let open = true;
    void closed.then(() => (open = false));
    while (open && sent < total && Date.now() < deadline) {
      if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once("drain", r)), closed]);
      sent += chunk.length;
    }
    assert.equal(open, false, `the server kept the connection while ${sent} bytes went out`);
    assert.ok(sent < total, `closed after ${sent} of ${total} bytes`);
    assert.match(answer, /^HTTP\/1\.1 200 [\s\S]*answered unread/, "the answer arrived first");
  });

  it("stops a declared length past the limit the same way, should anything let one through", async () => {
    seen.length = 0;
    const res = await streamBody(baseUrl, {
      path: "/",
      headers: { "X-Reader": "data", "Content-Length": String(LIMIT + 1) },
      start: "",
      fill: "z",
      bytes: LIMIT + 1,
    });
    assert.equal(res.status, 413, res.text);
    await waitFor("the reader to finish", () => seen.length > 0);
    assert.deepEqual(seen, [{ reader: "data", bytes: "failed" }]);
  });
});
