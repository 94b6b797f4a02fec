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
      (res) => {
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
          req.destroy();
        });
      },
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
