import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body, or null when the body is empty or not JSON. */
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
  ms: number;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as written: no normalizing of `..`, no re-encoding. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send only this many bytes of the body, then wait for the answer without finishing it. */
  sendOnly?: number;
}

/** One HTTP/1.1 request as an attacker would write it: any method, any Host, any path bytes. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method ?? "GET",
        path: request.path,
        headers: request.headers,
        agent: false,
      },
      (res) =>
        void readAnswer(res, started).then((answer) => {
          resolve(answer);
          req.destroy();
        }),
    );
    req.on("error", reject);
    if (request.body === undefined) return req.end();
    const body = Buffer.from(request.body);
    if (request.sendOnly === undefined) return req.end(body);
    req.write(body.subarray(0, request.sendOnly));
  });
}

/** Sends part of a body, then hangs up: a client that goes away mid-upload. */
export function hangUpMidBody(baseUrl: string, path: string, headers: Record<string, string>, partial: string): Promise<void> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, method: "POST", path, headers, agent: false });
    req.on("error", () => resolve());
    req.write(partial, () => setTimeout(() => (req.destroy(), resolve()), 100));
  });
}

export interface StreamedBody {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** The body's first bytes; the rest is `fill` repeated, generated as it is sent (never held whole). */
  start: string;
  fill: string;
  /** The body's end, sent after `bytes` in all, when the server has not answered before. */
  end?: string;
  bytes: number;
}

/** The whole answer: status, headers, text, and its JSON when it is JSON. */
function readAnswer(res: http.IncomingMessage, started: number): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    res.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
    });
  });
}

/**
 * Sends a body chunked (no Content-Length), generated as it goes, and stops as soon as the answer arrives: the
 * answer, and how much of the body went out before it.
 */
export function streamBody(baseUrl: string, request: StreamedBody): Promise<RawResponse & { sentBytes: number }> {
  const url = new URL(baseUrl);
  const started = Date.now();
  const chunk = Buffer.from(request.fill.repeat(Math.ceil((64 * 1024) / request.fill.length)));
  const end = Buffer.from(request.end ?? "");
  let sentBytes = 0;
  let answered = false;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: request.method ?? "POST",
      path: request.path,
      headers: request.headers,
      agent: false,
    });
    req.on("response", (res) => {
      answered = true;
      void readAnswer(res, started).then((answer) => {
        resolve({ ...answer, sentBytes });
        req.destroy();
      });
    });
    // A server that closes the connection after its answer may reset it while the body is still going out.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const send = (bytes: Buffer) => {
      sentBytes += bytes.length;
      return req.write(bytes);
    };
    const pump = () => {
      while (!answered) {
        const left = request.bytes - end.length - sentBytes;
        if (left <= 0) {
          sentBytes += end.length;
          return void req.end(end);
        }
        if (!send(left >= chunk.length ? chunk : chunk.subarray(0, left))) return void req.once("drain", pump);
      }
    };
    send(Buffer.from(request.start));
    pump();
  });
}
