/** One JSON request from an account page: the answer on success, else the API's sentence for the person. */
export async function sendJson<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ ok: true; answer: T | null } | { ok: false; error: string }> {
  const response = await fetch(url, {
    method,
    headers: body !== undefined ? { "Content-Type": "application/json" } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  }).catch(() => null);
  if (!response) return { ok: false, error: "The studio could not be reached; check your connection." };
  const answer = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) return { ok: false, error: answer?.error?.message ?? "That did not work." };
  return { ok: true, answer };
}
