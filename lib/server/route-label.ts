import fs from "node:fs";
import path from "node:path";
import { EDGE_ROUTE_LABELS } from "./edge-paths";

// Metrics count requests by the route they reached (/api/jobs/[id]), never by the raw path: one series per
// route, however many ids, probes and typos arrive. Next's own build lists its routes and how it matches them.

interface ManifestRoute {
  page: string;
  regex: string;
}
type Matcher = { page: string; regex: RegExp };

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
  for (const [matches, label] of EDGE_ROUTE_LABELS) if (matches(rawPath)) return label;
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

/** The route a raw path (no query) reaches, the Node server's own or Next's, as its file-system pattern, or "unmatched". */
export function routeLabel(rawPath: string): string {
  return matchRoute(rawPath, (built ??= builtRoutes()));
}
