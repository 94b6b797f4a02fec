import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "@/lib/errors";
import { parseByteRange } from "@/lib/http/byte-range";
import { readJsonBody } from "@/lib/http/read-json-body";
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
