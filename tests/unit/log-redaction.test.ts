import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLog } from "@/lib/log";
import { REDACTED, redactValue, scrubText } from "@/lib/logging/redact";

/** A log that writes into an array, one parsed JSON line per entry. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLog({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe("log redaction", () => {
  it("blanks secret fields by name at any depth, whatever their spelling", () => {
    const out = redactValue({
      headers: { Authorization: "Bearer abc", cookie: "a=b", "set-cookie": ["c=d"], "x-ok": "fine" },
      apiToken: "sr_123",
      webhook_secret: "whsec_abc",
      deep: [{ password: "hunter2", sig: "beef", name: "kept" }],
    });
    assert.deepEqual(out, {
      headers: { Authorization: REDACTED, cookie: REDACTED, "set-cookie": REDACTED, "x-ok": "fine" },
      apiToken: REDACTED,
      webhook_secret: REDACTED,
      deep: [{ password: REDACTED, sig: REDACTED, name: "kept" }],
    });
  });

  it("scrubs secrets from text: bearer tokens, token prefixes, signed URLs, share links, URL passwords, cookies", () => {
    const cases: [string, string][] = [
      ["sent Authorization: Bearer sr_AbCdEf123456 to them", `sent Authorization: Bearer ${REDACTED} to them`],
      ["token r8_abcdefghijklmnop failed", `token r8_${REDACTED} failed`],
      ["key whsec_c2VjcmV0c2VjcmV0 was wrong", `key whsec_${REDACTED} was wrong`],
      ["GET https://cdn.test/v.mp4?X-Amz-Signature=abc123&w=1", `GET https://cdn.test/v.mp4?X-Amz-Signature=${REDACTED}&w=1`],
      ["/api/media/x?sig=deadbeef", `/api/media/x?sig=${REDACTED}`],
      ["/api/share/job1/1767225600/c2lnbmF0dXJl", `/api/share/job1/1767225600/${REDACTED}`],
      ["GET /invite/inv_abcdef123 200", `GET /invite/${REDACTED} 200`],
      ["/api/auth/reset-password/tok123?callbackURL=/", `/api/auth/reset-password/${REDACTED}?callbackURL=/`],
      ["smtps://mailer:pa55word@mail.test:465", `smtps://mailer:${REDACTED}@mail.test:465`],
      ["Cookie: storyreel.session_token=abc.def; theme=dark", `Cookie: storyreel.session_token=${REDACTED}; theme=dark`],
    ];
    for (const [text, expected] of cases) assert.equal(scrubText(text), expected, text);
    assert.equal(scrubText("job abc moved to rendering"), "job abc moved to rendering", "plain text is left alone");
    assert.equal(scrubText("/invite/[token]"), "/invite/[token]", "a route's pattern is left alone");
  });

  it("writes errors as name and message (scrubbed, with their cause), never a stack", () => {
    const error = new Error("Replicate said 401 for Bearer r8_secretsecret", { cause: new Error("token=abc in URL ?token=abc") });
    const out = redactValue({ error }) as { error: Record<string, unknown> };
    assert.equal(out.error.name, "Error");
    assert.equal(out.error.message, `Replicate said 401 for Bearer ${REDACTED}`);
    assert.deepEqual(out.error.cause, { name: "Error", message: `token=abc in URL ?token=${REDACTED}` });
    assert.equal(out.error.stack, undefined);
  });

  it("survives what a careless call site may pass: cycles, repeats, dates, bigints, URLs, Headers", () => {
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    const out = redactValue({
      cyclic,
      at: new Date("2026-01-01T00:00:00Z"),
      big: 10n,
      url: new URL("https://x.test/a?sig=1"),
      headers: new Headers({ authorization: "Bearer x", accept: "text/html" }),
    }) as Record<string, unknown>;
    assert.deepEqual(out.cyclic, { shared: { n: 1 }, again: { n: 1 }, self: "[circular]" });
    assert.equal(out.at, "2026-01-01T00:00:00.000Z");
    assert.equal(out.big, "10");
    assert.equal(out.url, `https://x.test/a?sig=${REDACTED}`);
    assert.deepEqual(out.headers, { authorization: REDACTED, accept: "text/html" });
  });

  it("the log itself writes level, time and msg as JSON, with fields and message redacted", () => {
    const { log, lines } = capturedLog();
    log.warn("calling with Bearer sr_abcdefghijkl", { authorization: "Bearer sr_abcdefghijkl", jobId: "j1" });
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line!.level, "warn");
    assert.match(String(line!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(line!.msg, `calling with Bearer ${REDACTED}`);
    assert.equal(line!.authorization, REDACTED);
    assert.equal(line!.jobId, "j1");
    assert.doesNotMatch(JSON.stringify(lines), /sr_abcdefghijkl/);
  });

  it("follows LOG_LEVEL, read at each line", () => {
    const { log, lines } = capturedLog();
    const before = process.env.LOG_LEVEL;
    try {
      process.env.LOG_LEVEL = "warn";
      log.info("dropped");
      log.error("kept");
      process.env.LOG_LEVEL = "silent";
      log.error("dropped too");
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
    assert.deepEqual(
      lines.map((l) => l.msg),
      ["kept"],
    );
  });
});
