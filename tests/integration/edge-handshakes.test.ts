import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { startApp, type RunningApp } from "../helpers/start-app";

// What a raw client can ask of the server before any route runs: an upgrade, or an invitation to send its body.
let app: RunningApp;
before(async () => {
  app = await startApp();
  // Next.js attaches its own upgrade listener on its first request: make one, so it is there.
  await fetch(`${app.baseUrl}/api/health`);
});
after(() => app.stop());

/** Writes `head` on a fresh connection and reads until the server closes it or `quietMs` pass without a byte. */
function exchange(head: string, quietMs = 1500): Promise<{ text: string; closed: boolean }> {
  const { port } = new URL(app.baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.write(head));
    let text = "";
    let timer = setTimeout(() => finish(false), quietMs);
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on("data", (d: Buffer) => {
      text += d.toString();
      clearTimeout(timer);
      timer = setTimeout(() => finish(false), quietMs);
    });
    socket.on("close", () => finish(true));
    socket.on("error", () => undefined);
  });
}

describe("the edge before any route", () => {
  it("answers an upgrade 404 and closes, on any host, since the studio serves no WebSocket", async () => {
    for (const host of ["127.0.0.1", "evil.example"]) {
      const { text, closed } = await exchange(
        `GET /_next/webpack-hmr HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
      );
      assert.match(text, /^HTTP\/1\.1 404 /, `${host}: ${JSON.stringify(text.slice(0, 80))}`);
      assert.equal(closed, true);
      const requestId = /\r\nx-request-id: (\S+)\r\n/i.exec(text)?.[1];
      assert.ok(requestId, "traced like any request");
      const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as { error: Record<string, string> };
      assert.deepEqual(Object.keys(body.error), ["code", "message", "requestId"]);
      assert.equal(body.error.code, "not_found");
      assert.equal(body.error.requestId, requestId);
    }
  });

  it("invites a body (100 Continue) only after the guard let the request through", async () => {
    const refused = await exchange(
      "POST /api/jobs HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n",
    );
    assert.match(refused.text, /^HTTP\/1\.1 421 /, JSON.stringify(refused.text.slice(0, 80)));
    assert.match(refused.text, /\r\nCache-Control: no-store\r\n/i);
    assert.match(refused.text, /"code":"misdirected_request"/);
    assert.doesNotMatch(refused.text, /100 Continue/);
    const allowed = await exchange(
      "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n",
      500,
    );
    assert.match(allowed.text, /^HTTP\/1\.1 100 Continue\r\n/, JSON.stringify(allowed.text.slice(0, 80)));
  });
});
