import http from "node:http";
import next from "next";
import { adoptBuiltNextConfig } from "@/lib/deploy/built-next-config";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { uploadLimits } from "@/lib/uploads/upload-limits";
import { createEdgeHandler } from "./edge-handler";
import { guardOptions } from "./request-guard";
import { importMaxBytes } from "./stream-import";
import { guardUpgrades } from "./upgrade-guard";

export interface ServerOptions {
  dev: boolean;
  hostname: string;
  port: number;
}

/**
 * The HTTP edge: a plain Node server in front of Next.js that refuses hostile requests before Next reads a byte
 * of them (Next answers TRACE with a logged 500, and a Next proxy would buffer whole bodies), sets the security
 * headers, streams stored media, uploads and imports byte for byte, and traces every request once. Resolves once
 * it listens.
 */
export async function startServer({ dev, hostname, port }: ServerOptions): Promise<http.Server> {
  const env = getEnv();
  const guard = guardOptions(env, uploadLimits().anyBytes, importMaxBytes());
  if (!dev) adoptBuiltNextConfig();
  const app = next({ dev, hostname, port });
  await app.prepare();
  const onRequest = createEdgeHandler({ guard, trustProxy: env.TRUST_PROXY, development: dev, next: app.getRequestHandler() });
  const server = http.createServer(onRequest);
  // Without a listener of its own, Node answers "100 Continue" before the guard has seen the request.
  server.on("checkContinue", onRequest);
  guardUpgrades(server, guard, dev);
  // A client that trickles its headers or body cannot hold a connection for long.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  log.info("storyreel is listening", { url: `http://${hostname}:${port}`, development: dev });
  return server;
}
