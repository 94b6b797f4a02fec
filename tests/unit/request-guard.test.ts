import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkRequest, guardOptions, hostName } from "@/lib/server/request-guard";

const options = guardOptions(
  { ALLOWED_HOSTS: ["studio.example"], PUBLIC_BASE_URL: "https://videos.example.org" },
  50 * 1024 * 1024,
  100 * 1024 * 1024,
);
const check = (method: string, rawPath: string, headers: Record<string, string>) =>
  checkRequest({ method, rawPath, headers: new Headers({ host: "127.0.0.1:3000", ...headers }) }, options);

describe("request guard", () => {
  it("takes multipart only at the upload address, with a token or the studio's own Origin, up to the upload limit", () => {
    const multipart = { "content-type": "multipart/form-data; boundary=x", "content-length": "1000" };
    assert.equal(check("POST", "/api/uploads", { ...multipart, authorization: "Bearer t" }), null);
    assert.equal(check("POST", "/api/uploads", { ...multipart, origin: "http://127.0.0.1:3000" }), null);
    assert.equal(
      check("POST", "/api/uploads", multipart)?.status,
      403,
      "no token and no Origin: it could be another site's form",
    );
    assert.equal(check("POST", "/api/uploads", { ...multipart, origin: "https://evil.example" })?.status, 403);
    assert.equal(check("POST", "/api/jobs", { ...multipart, authorization: "Bearer t" })?.status, 415, "nowhere else");
    assert.equal(check("POST", "/api/uploads", { "content-type": "application/json", authorization: "Bearer t" })?.status, 415);
    assert.equal(
      check("POST", "/api/uploads", { ...multipart, "content-length": String(20 * 1024 * 1024), authorization: "Bearer t" }),
      null,
    );
    assert.equal(
      check("POST", "/api/uploads", { ...multipart, "content-length": String(60 * 1024 * 1024), authorization: "Bearer t" })
        ?.status,
      413,
    );
    assert.equal(
      check("POST", "/api/jobs", { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) })?.status,
      413,
    );
  });

  it("takes a raw ZIP only at the import address, with a token or the studio's own Origin, up to the import limit", () => {
    const zip = { "content-type": "application/zip", "content-length": "1000" };
    assert.equal(check("POST", "/api/jobs/import", { ...zip, authorization: "Bearer t" }), null);
    assert.equal(check("POST", "/api/jobs/import", { ...zip, origin: "http://127.0.0.1:3000" }), null);
    assert.equal(check("POST", "/api/jobs/import", zip)?.status, 403, "no token and no Origin");
    assert.equal(check("POST", "/api/jobs", { ...zip, authorization: "Bearer t" })?.status, 415, "nowhere else");
    const json = check("POST", "/api/jobs/import", { "content-type": "application/json", authorization: "Bearer t" });
    assert.equal(json?.status, 415);
    assert.match(json?.message ?? "", /Content-Type: application\/zip/);
    const multipart = check("POST", "/api/jobs/import", {
      "content-type": "multipart/form-data; boundary=x",
      authorization: "Bearer t",
    });
    assert.equal(multipart?.status, 415);
    const large = { ...zip, "content-length": String(101 * 1024 * 1024), authorization: "Bearer t" };
    assert.equal(check("POST", "/api/jobs/import", large)?.status, 413);
  });

  it("reads host names the way browsers send them, and refuses what is not one", () => {
    assert.equal(hostName("Example.COM:8080"), "example.com");
    assert.equal(hostName("[::1]:3000"), "[::1]");
    assert.equal(hostName("user@localhost"), null);
    assert.equal(hostName("localhost/evil"), null);
    assert.equal(hostName(null), null);
  });

  it("answers only its own names: localhost, ALLOWED_HOSTS and PUBLIC_BASE_URL's host", () => {
    for (const host of ["localhost:3000", "127.0.0.1", "[::1]:80", "studio.example", "videos.example.org"]) {
      assert.equal(check("GET", "/", { host }), null, host);
    }
    for (const host of ["evil.example", "127.0.0.2", "studio.example.evil.com", ""]) {
      assert.equal(check("GET", "/", { host })?.status, 421, host);
    }
  });

  it("lets the app's own pages and scripts without an Origin change state, and no other site", () => {
    assert.equal(check("POST", "/api/jobs/x/approve", {}), null, "curl: no Origin, no body");
    assert.equal(
      check("POST", "/api/jobs/x/approve", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }),
      null,
    );
    assert.equal(check("POST", "/api/jobs/x/approve", { origin: "https://videos.example.org" }), null, "behind a proxy");
    assert.equal(check("POST", "/api/jobs/x/approve", { "sec-fetch-site": "none" }), null, "typed by the person");
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://127.0.0.1:3001" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of foreign) {
      assert.equal(check("DELETE", "/api/jobs/x/scenes/y", headers)?.status, 403, JSON.stringify(headers));
    }
    assert.equal(
      check("GET", "/api/jobs", { origin: "https://evil.example" }),
      null,
      "reading is not acting (and CORS keeps the answer from the page)",
    );
    assert.equal(
      check("POST", "/api/webhooks/replicate", { origin: "https://evil.example" }),
      null,
      "webhooks are signed instead",
    );
  });

  it("takes JSON or nothing on the API, but leaves server actions their own encoding", () => {
    assert.equal(check("POST", "/api/jobs", { "content-type": "application/json; charset=utf-8", "content-length": "20" }), null);
    assert.equal(check("POST", "/api/jobs", { "content-type": "text/plain", "content-length": "20" })?.status, 415);
    assert.equal(check("POST", "/api/jobs", { "content-type": "application/json-seq" })?.status, 415);
    assert.equal(check("POST", "/api/jobs", { "content-length": "20" })?.status, 415);
    assert.equal(
      check("POST", "/jobs/x", { "next-action": "abc", "content-type": "text/plain;charset=UTF-8", "content-length": "2" }),
      null,
    );
  });

  it("refuses unknown methods, broken paths and declared bodies over the cap before anything reads them", () => {
    const trace = check("TRACE", "/", {});
    assert.equal(trace?.status, 405);
    assert.equal(trace?.headers?.Allow, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    assert.equal(check("GET", "/api/jobs/%c0", {})?.status, 400);
    assert.equal(check("GET", "/api/jobs/%41bc", {}), null);
    assert.equal(
      check("POST", "/api/jobs", { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) })?.status,
      413,
    );
  });
});
