import { getEnv } from "@/lib/env";

/** The address people reach this studio at: PUBLIC_BASE_URL, else the Host they used (already on the allow-list). */
export function publicOrigin(request: Request): string {
  const configured = getEnv().PUBLIC_BASE_URL;
  if (configured) return new URL(configured).origin;
  const host = request.headers.get("host");
  return host ? `${new URL(request.url).protocol}//${host}` : new URL(request.url).origin;
}
