// Secrets never reach a log line: by the name of the field that holds them, and by their look wherever they
// appear in text (an error message that quotes a header, a URL with a signature, a share link in a path).

export const REDACTED = "[redacted]";

// Compared without case, dashes and underscores: "Set-Cookie", "set_cookie" and "setCookie" are one name.
const SECRET_FIELD = /authorization|cookie|password|secret|token|signature|^sig$|apikey|setupcode|credential/;

const SECRET_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // Replicate's tokens, our personal API tokens, webhook signing keys.
  [/\b(r8_|sr_|whsec_)[A-Za-z0-9+/=_-]{6,}/g, `$1${REDACTED}`],
  // A signed URL's query: ?sig=, &token=, S3's X-Amz-Signature= and its kin.
  [
    /([?&](?:sig|signature|token|access_token|key|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\s"'#]+/gi,
    `$1${REDACTED}`,
  ],
  // A share link carries its signature as the last path segment.
  [/(\/api\/share\/[^/\s"'?]+\/[^/\s"'?]+\/)[^/\s"'?#]+/g, `$1${REDACTED}`],
  // Links whose path is the secret: an invite's, a password reset's (not a route's pattern: /invite/[token]).
  [/(\/(?:invite|reset-password)\/)(?!\[)[^/\s"'?#]+/g, `$1${REDACTED}`],
  // The password in a URL (smtps://user:password@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:)[^/\s@"']+@/gi, `$1${REDACTED}@`],
  // Our session cookies, however a header was printed.
  [/(\bstoryreel[.\w-]*=)[^;\s"',]+/g, `$1${REDACTED}`],
];

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name.toLowerCase().replace(/[-_]/g, ""));
}

// Most text holds none of the above: one test lets it through without eight replacements (every request logs).
const MIGHT_HOLD_SECRET = /bearer|basic|r8_|sr_|whsec_|[?&]|\/api\/share\/|\/invite\/|\/reset-password\/|:\/\/|storyreel/i;

export function scrubText(text: string): string {
  if (!MIGHT_HOLD_SECRET.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 8;

/** A copy of `value` fit for a log line: secret fields blanked, secret-looking text scrubbed, errors as plain objects. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  seen.add(value);
  try {
    return redactObject(value, depth, seen);
  } finally {
    // Only an ancestor is circular: the same object twice side by side is printed twice.
    seen.delete(value);
  }
}

function redactObject(value: object, depth: number, seen: WeakSet<object>): unknown {
  if (value instanceof Error) {
    // No stack: a log line is for the person operating the studio, and stacks are noise in a shipper.
    return redactValue(
      {
        name: value.name,
        message: value.message,
        cause: value.cause,
        code: (value as { code?: unknown }).code,
        stderr: (value as { stderr?: unknown }).stderr,
      },
      depth + 1,
      seen,
    );
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (value instanceof Headers) return redactValue(Object.fromEntries(value), depth + 1, seen);
  if (value instanceof URL) return scrubText(value.href);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out[key] = isSecretField(key) ? REDACTED : redactValue(item, depth + 1, seen);
  }
  return out;
}

export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redactValue(fields) as Record<string, unknown>;
}
