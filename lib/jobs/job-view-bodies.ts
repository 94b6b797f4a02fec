/**
 * The job poll's 200, serialised once per ETag. Outside approval a job's view is a function of its ETag (its
 * version, which every change to the job, its scenes and its versions bumps, and its place in line), so a
 * body made for an ETag answers every later poll that reads the same ETag, in this process or after a change
 * in another (the new version is a new key). A storyboard's approval outlook also follows other jobs' spending,
 * which its ETag tracks only as far as the refusal: those bodies are always made afresh.
 */
const MAX_ENTRIES = 500;
const MAX_BYTES = 16 * 1024 * 1024;

const bodies = new Map<string, string>();
let bytes = 0;

const keyOf = (userId: string, etag: string) => `${userId}\n${etag}`;

export function cachedJobViewBody(userId: string, etag: string): string | undefined {
  const key = keyOf(userId, etag);
  const body = bodies.get(key);
  if (body === undefined) return undefined;
  bodies.delete(key);
  bodies.set(key, body);
  return body;
}

export function keepJobViewBody(userId: string, etag: string, body: string): void {
  if (body.length > MAX_BYTES / 8) return;
  const key = keyOf(userId, etag);
  const previous = bodies.get(key);
  if (previous !== undefined) bytes -= previous.length;
  bodies.delete(key);
  bodies.set(key, body);
  bytes += body.length;
  for (const [oldest, value] of bodies) {
    if (bodies.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    bodies.delete(oldest);
    bytes -= value.length;
  }
}
