import fs from "node:fs";
import path from "node:path";

// Metrics count requests by the route they reached (/api/jobs/[id]), never by the raw path: one series per
// route, however many ids, probes and typos arrive. Next's own build lists its routes and how it matches them.

interface ManifestRoute {
  page: string;
  regex: string;
}
type Matcher = { page: string; regex: RegExp };

/** The Node server's own routes (lib/http/serve-*.ts), before Next's. */
const SERVER_ROUTES: [prefix: string, label: string][] = [
  ["/api/media/", "/api/media/[...key]"],
  ["/api/share/", "/api/share/[...link]"],
  ["/_next/", "/_next/[...asset]"],
];

export const UNMATCHED_ROUTE = "unmatched";

export interface RoutesManifest {
  staticRoutes?: ManifestRoute[];
  dynamicRoutes?: ManifestRoute[];
}

/** Static routes win over dynamic ones, in Next's own order within each. */
export function compileRoutes(manifest: RoutesManifest): Matcher[] {
  return [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((r) => ({
    page: r.page,
    regex: new RegExp(r.regex),
  }));
}

export function matchRoute(rawPath: string, routes: Matcher[]): string {
  for (const [prefix, label] of SERVER_ROUTES) if (rawPath.startsWith(prefix)) return label;
  return routes.find((r) => r.regex.test(rawPath))?.page ?? UNMATCHED_ROUTE;
}

let built: Matcher[] | undefined;

function builtRoutes(): Matcher[] {
  try {
    return compileRoutes(JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "routes-manifest.json"), "utf8")));
  } catch {
    // No build (next dev before its first compile, a unit test): every path of Next's counts as unmatched.
    return [];
  }
}

/** The route a raw path (no query) reaches, as its file-system pattern, or "unmatched". */
export function routePattern(rawPath: string): string {
  return matchRoute(rawPath, (built ??= builtRoutes()));
}
