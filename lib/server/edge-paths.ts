import { SHARE_PREFIX } from "@/lib/jobs/share-links";

// The addresses the Node server answers itself (streamed, byte for byte), before Next's routes.

export const MEDIA_PREFIX = "/api/media/";
export { SHARE_PREFIX };
/** The one address that takes multipart/form-data: a file, streamed to disk (lib/server/stream-upload.ts). */
export const UPLOAD_PATH = "/api/uploads";
/** The one address that takes a raw application/zip body: a project ZIP (lib/server/stream-import.ts). */
export const IMPORT_PATH = "/api/jobs/import";
export const ASSET_PREFIX = "/_next/";

/**
 * Each as the route label metrics count it under, in the same file-system pattern Next's routes have: one
 * series per route, however many keys and links. By path alone, whichever method asks (a GET of the import
 * address is Next's 404, and counted under the import, not under /api/jobs/[id]).
 */
export const EDGE_ROUTE_LABELS: [matches: (rawPath: string) => boolean, label: string][] = [
  [(p) => p.startsWith(MEDIA_PREFIX), "/api/media/[...key]"],
  [(p) => p.startsWith(SHARE_PREFIX), "/api/share/[...link]"],
  [(p) => p === UPLOAD_PATH, "/api/uploads"],
  [(p) => p === IMPORT_PATH, "/api/jobs/import"],
  [(p) => p.startsWith(ASSET_PREFIX), "/_next/[...asset]"],
];
