/** Any origin will do: only whether a target leaves it matters, and a path on it is all that is kept. */
const PLACEHOLDER_ORIGIN = "http://storyreel.invalid";

// What a browser or URL parser forgives and then reads as another host: control characters (a tab or newline is
// dropped, so "/\t/evil" becomes "//evil"), backslashes (read as slashes), a second leading slash.
const UNSAFE = /[\u0000-\u001f\u007f\\]|^\/\//;

/**
 * The path, search and hash of `target` when it is a path on this site, else null. For every `next` and
 * `callbackURL` a person is sent on to: a sign-in link must never hand someone over to another site.
 * `target` must be an absolute path ("/jobs/1?x#y"); it is checked as written and after each round of
 * percent-decoding (%5C, %09, %2F%2F…), then resolved against `ownOrigin` and must stay on it.
 */
export function localPath(target: unknown, ownOrigin: string = PLACEHOLDER_ORIGIN): string | null {
  if (typeof target !== "string" || !target.startsWith("/") || target.length > 2048) return null;
  let decoded = target;
  for (let round = 0; round < 4; round++) {
    if (UNSAFE.test(decoded)) return null;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return null; // a broken escape: nothing a link of ours would contain
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (UNSAFE.test(decoded)) return null;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(ownOrigin).origin;
    url = new URL(target, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const kept = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments collapse on resolving: "/.//evil" becomes "//evil", which a browser reads as another host.
  return UNSAFE.test(kept) ? null : kept;
}

/** `localPath`, or the home page when `target` is not one. */
export const localPathOr = (target: unknown, fallback = "/"): string => localPath(target) ?? fallback;
