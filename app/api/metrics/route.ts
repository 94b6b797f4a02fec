import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { authorizeMetricsReader } from "@/lib/metrics/metrics-access";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

// Prometheus scrapes this with METRICS_TOKEN as its bearer token; an admin may read it too.
const scrape = defineRoute({ public: true }, async ({ request }) => {
  await authorizeMetricsReader(request.headers);
  const { contentType, text } = await renderMetrics();
  return new Response(text, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: scrape });
