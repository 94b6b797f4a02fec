import http from "node:http";
import { log } from "@/lib/log";
import { hasMetricsToken } from "./metrics-access";
import { renderMetrics } from "./render-metrics";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * `npm run worker`'s own GET /metrics. With METRICS_TOKEN set it asks for it; without one it listens on loopback
 * only, since nothing else would stand between the network and the numbers.
 */
export function serveWorkerMetrics(port: number, host: string, tokenRequired: boolean): Promise<http.Server> {
  if (!tokenRequired && !LOOPBACK.has(host)) {
    throw new Error(
      `WORKER_METRICS_PORT on ${host} needs METRICS_TOKEN: without it the worker's metrics are served on loopback (HOST=127.0.0.1) only.`,
    );
  }
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const headers = new Headers({ authorization: req.headers.authorization ?? "" });
    const allowed = !tokenRequired || hasMetricsToken(headers);
    if (req.method !== "GET" || path !== "/metrics" || !allowed) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found: this port serves GET /metrics.\n");
      return;
    }
    renderMetrics().then(
      ({ contentType, text }) => res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(text),
      (error: unknown) => {
        log.error("could not render metrics", { error });
        res.writeHead(500, { "Content-Type": "text/plain" }).end("The metrics could not be read; see the worker's log.\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      log.info("worker metrics listening", {
        url: `http://${host}:${typeof address === "object" && address ? address.port : port}/metrics`,
      });
      resolve(server);
    });
  });
}
