import assert from "node:assert/strict";
import type http from "node:http";
import { describe, it } from "node:test";
import { clientAddress } from "@/lib/server/client-address";
import { localPath, localPathOr } from "@/lib/http/local-path";

// Every way we know to write "another site" so that a check for a leading "//" lets it through.
const FOREIGN_NEXTS = [
  "//evil.example",
  // Dot segments that collapse into "//" once the URL is resolved.
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2e%2e//evil.example",
  "/x/..//evil.example",
  "/x/%2e%2e/%2e%2e//evil.example",
  "//evil.example/path",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%2F%2Fevil.example",
  "/%2F/evil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "/%0a/evil.example",
  "/%0D%0A/evil.example",
  "/%250a/evil.example",
  "/\u0000/evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "http://evil.example",
  "https://evil.example/jobs",
  "http:evil.example",
  "  //evil.example",
  " /jobs",
  "\t/jobs",
  "evil.example",
  "",
  "/%",
];

describe("localPath: where a person may be sent after signing in", () => {
  it("refuses every way of naming another site (and anything that is not a plain path)", () => {
    for (const next of FOREIGN_NEXTS) assert.equal(localPath(next), null, JSON.stringify(next));
    for (const next of [undefined, null, 42, ["/jobs"], { next: "/" }]) assert.equal(localPath(next), null);
    assert.equal(localPath(`/${"a".repeat(3000)}`), null, "no endless paths");
  });

  it("keeps a path on this site with its search and hash, normalised by URL parsing", () => {
    assert.equal(localPath("/"), "/");
    assert.equal(localPath("/jobs/abc123"), "/jobs/abc123");
    assert.equal(localPath("/jobs/abc?tab=scenes#scene-2"), "/jobs/abc?tab=scenes#scene-2");
    assert.equal(localPath("/a/../admin"), "/admin");
    assert.equal(localPath("/new%20video"), "/new%20video");
    assert.equal(localPath("/jobs", "http://127.0.0.1:3000"), "/jobs");
  });

  it("answers only paths that stay on the site when a browser resolves them, and that check the same again", () => {
    const own = "https://studio.example";
    const candidates = [...FOREIGN_NEXTS, "/", "/jobs", "/a/../b", "/./jobs", "/x/%2e%2e/y", "/%2e/jobs?x=//y#//z"];
    for (const next of candidates) {
      const kept = localPath(next, own);
      if (kept === null) continue;
      assert.equal(new URL(kept, own).origin, own, `${JSON.stringify(next)} -> ${kept}`);
      assert.equal(localPath(kept, own), kept, `${JSON.stringify(next)} -> ${kept} is stable`);
    }
  });

  it("falls back to the home page", () => {
    assert.equal(localPathOr("/%09/evil.example"), "/");
    assert.equal(localPathOr("//evil.example", "/account"), "/account");
    assert.equal(localPathOr("/spend"), "/spend");
  });
});

describe("clientAddress behind a trusted proxy", () => {
  const request = (forwardedFor: string | undefined, peer = "10.0.0.2") =>
    ({
      headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
      socket: { remoteAddress: peer },
    }) as unknown as http.IncomingMessage;

  it("takes the entry the proxy added (the rightmost), not the ones the client wrote", () => {
    assert.equal(clientAddress(request("203.0.113.9"), true), "203.0.113.9");
    assert.equal(clientAddress(request("1.2.3.4, 203.0.113.9"), true), "203.0.113.9");
    assert.equal(clientAddress(request("spoofed, 1.2.3.4,203.0.113.9 "), true), "203.0.113.9");
  });

  it("falls back to the socket's peer without the header, and ignores the header without TRUST_PROXY", () => {
    assert.equal(clientAddress(request(undefined), true), "10.0.0.2");
    assert.equal(clientAddress(request(""), true), "10.0.0.2");
    assert.equal(clientAddress(request("1.2.3.4, , "), true), "10.0.0.2");
    assert.equal(clientAddress(request("1.2.3.4"), false), "10.0.0.2");
  });
});
