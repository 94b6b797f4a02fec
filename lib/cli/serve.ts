// `npm start` / `npm run dev`: the Next.js app behind a plain Node HTTP server that refuses hostile requests
// before Next reads a byte of them (Next answers TRACE with a logged 500, and a Next proxy would buffer
// whole bodies), sets the security headers, and streams stored media byte for byte.
import http from "node:http";
import { randomBytes } from "node:crypto";
import next from "next";
import { getEnv } from "@/lib/env";
import { limitRequestBody } from "@/lib/http/body-limit";
import { bodyLimit, checkRequest, guardOptions, type Refusal } from "@/lib/http/request-guard";
import { securityHeaders } from "@/lib/http/security-headers";
import { MEDIA_PREFIX, SHARE_PREFIX, serveMedia } from "@/lib/http/serve-media";
import { serveUpload, UPLOAD_PATH } from "@/lib/http/serve-upload";
import { IMPORT_PATH, importMaxBytes, serveImport } from "@/lib/http/serve-import";
import { uploadLimits } from "@/lib/uploads/upload-limits";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/http/client-address";
import { log } from "@/lib/log";
import { finishRequestTrace, REQUEST_ID_HEADER, runTraced, startRequestTrace, TRACED_HEADER } from "@/lib/http/request-trace";
import { guardUpgrades } from "@/lib/http/upgrade-guard";
import { migrateDatabase } from "@/lib/db/migrate";
import { describeFailure } from "./run-cli";
import { ownerMissing } from "@/lib/auth/owner-setup";
import { issueSetupCode, setupCodeRequired } from "@/lib/auth/setup-code";
import { adoptBuiltNextConfig } from "@/lib/deploy/built-next-config";

const development = process.argv.includes("--dev");

function refuse(res: http.ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  res.writeHead(refusal.status, {
    ...securityHeaders({ nonce: null, development }),
    ...refusal.headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    // The body may still be on its way: do not read it, and do not keep the connection for another request.
    Connection: "close",
  });
  res.end(body);
}

async function main(): Promise<void> {
  const env = getEnv();
  const { HOST: hostname, PORT: port } = env;
  // Before Next starts, so a database that cannot be migrated stops the server with its sentence.
  migrateDatabase();
  const options = guardOptions(env, uploadLimits().anyBytes, importMaxBytes());
  if (!development) adoptBuiltNextConfig();
  const app = next({ dev: development, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  await printSetupCode();

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): void => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, String(value));
    const refusal = checkRequest({ method: req.method ?? "GET", rawPath, headers }, options);
    if (refusal) return refuse(res, refusal);
    // Only a request the guard let through is invited to send its body.
    if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();

    // The address rate limits count by: this socket's peer, or the proxy's word for it when TRUST_PROXY is set.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, env.TRUST_PROXY);
    const isPage = !rawPath.startsWith("/api/") && !rawPath.startsWith("/_next/");
    const security = securityHeaders({ nonce: isPage ? randomBytes(16).toString("base64") : null, development });
    // Next reads the policy from the request to put the nonce on its own scripts.
    if (isPage) req.headers["content-security-policy"] = security["Content-Security-Policy"];
    for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
    // Whatever reads the body next (Next.js, the upload's busboy) gets no more than the route's limit.
    const limit = bodyLimit(req.method ?? "GET", rawPath, options);
    limitRequestBody(req, res, limit.maxBytes, limit.refusal, security);
    if (rawPath.startsWith(MEDIA_PREFIX) || rawPath.startsWith(SHARE_PREFIX)) return void serveMedia(req, res, rawPath);
    if (rawPath === UPLOAD_PATH && req.method === "POST") return void serveUpload(req, res);
    if (rawPath === IMPORT_PATH && req.method === "POST") return void serveImport(req, res);
    handle(req, res).catch((error: unknown) => {
      log.error("request failed", { error, path: rawPath });
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const onRequest: http.RequestListener = (req, res) => {
    const rawPath = (req.url ?? "/").split("?")[0]!;
    const trace = startRequestTrace(req.method ?? "GET", rawPath, req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, trace.requestId);
    // Next's routes log under the same id, and leave the counting to this server.
    req.headers[REQUEST_ID_HEADER] = trace.requestId;
    req.headers[TRACED_HEADER] = "1";
    res.once("close", () => finishRequestTrace(trace, res.headersSent ? res.statusCode : 499));
    runTraced(trace, () => answer(req, res, rawPath));
  };
  const server = http.createServer(onRequest);
  // Without a listener of its own, Node answers "100 Continue" before the guard has seen the request.
  server.on("checkContinue", onRequest);
  guardUpgrades(server, options, development);
  // A client that trickles its headers or body cannot hold a connection for long.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.listen(port, hostname, () => log.info("storyreel is listening", { url: `http://${hostname}:${port}`, development }));
}

/** Only while nobody owns the studio and others can reach it: /setup asks for this code (lib/auth/setup-code.ts). */
async function printSetupCode(): Promise<void> {
  if (!setupCodeRequired() || !(await ownerMissing())) return;
  const code = await issueSetupCode();
  // The console, not the log: it is for the person starting the server, and no log shipper should keep it.
  console.log(
    `storyreel: this studio has no owner yet; the owner's setup asks for this setup code: ${code} (only the latest printed works)`,
  );
}

main().catch((error: unknown) => {
  console.error(`storyreel: ${describeFailure(error)}`);
  process.exit(1);
});
