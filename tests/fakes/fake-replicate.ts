import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { signWebhook } from "@/lib/webhooks/verify-webhook";
import { checkInput, MODEL_VERSIONS } from "./model-schemas";

// A stand-in for api.replicate.com that speaks its HTTP protocol: official-model and version creates,
// get, cancel, list, output files. Faults are queued per model and consumed one request at a time.

export type CreateFault = "429" | "500" | "500-after-create" | "hang-after-create" | "hang-with-web-twin" | "401";
export type PredictionFault =
  | "none"
  | "fail"
  | "corrupt-output"
  | "expired-output"
  | "bad-json"
  | "careless-json"
  | "too-long-scene"
  | "stuck-in-queue"
  | "never-finish";

interface FakePrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";
  /** From the create's Cancel-After header: still queued then, it ends "aborted" (never started, never billed). */
  cancelAt?: number;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  output: unknown;
  error: string | null;
  polls: number;
  fault?: PredictionFault;
  webhook?: string;
  /** "web" when a person made it on replicate.com, not through the API. */
  source: "api" | "web";
  dataRemoved: boolean;
  metrics?: { predict_time?: number; input_token_count?: number; output_token_count?: number };
}

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  headers: http.IncomingHttpHeaders;
}

const token = "r8_fake_token_for_tests_0123456789";
const LIST_PAGE_SIZE = 4;
const DATA_URL_LIMIT = 256 * 1024;
const HOUR_MS = 3_600_000;

/** "30s", "5m", "1h30m" (Replicate's Cancel-After) -> milliseconds after now. */
function parseDuration(value: string): number | undefined {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0) return undefined;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return parts.reduce((sum, [, n, u]) => sum + Number(n) * unit[u!]!, 0);
}

/** A WAV file of a 300 Hz tone: what a text-to-speech model returns, near enough for the pipeline. */
function speechWav(seconds: number): Buffer {
  const rate = 24_000;
  const samples = Math.round(seconds * rate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 300 * i) / rate) * 12_000), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

async function makeFixtures(): Promise<{ mp4: Buffer }> {
  const ffmpeg = (await import("@ffmpeg-installer/ffmpeg")).default.path;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fake-replicate-")), "clip.mp4");
  execFileSync(ffmpeg, [
    "-y",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=854x480:rate=16:duration=5",
    "-c:v",
    "libx264",
    "-pix_fmt",
    "yuv420p",
    "-preset",
    "ultrafast",
    file,
  ]);
  return { mp4: fs.readFileSync(file) };
}

function scenesJson(prompt: string, secondsOfFirst = 3): string[] {
  const count = Number(/exactly (\d+) scenes/.exec(prompt)?.[1] ?? 3);
  const motions = ["zoom-in", "pan-left", "zoom-out", "pan-right"];
  const scenes = Array.from({ length: count }, (_, i) => ({
    caption: `Scene ${i + 1} of the story.`,
    imagePrompt: `A wide shot of moment ${i + 1}, golden light`,
    motion: motions[i % motions.length],
    durationSec: i === 0 ? secondsOfFirst : 3,
  }));
  // LLMs on Replicate stream tokens: the output is a list of string pieces.
  return ["Here are the scenes:\n", JSON.stringify(scenes).slice(0, 20), JSON.stringify(scenes).slice(20)];
}

/** How real LLMs answer: wrapped in an object, other key names, "4s", a motion in words, one scene too many. */
function carelessScenesJson(prompt: string): string[] {
  const count = Number(/exactly (\d+) scenes/.exec(prompt)?.[1] ?? 3);
  const scenes = Array.from({ length: count + 1 }, (_, i) => ({
    narration: `Moment ${i + 1} of the story.`,
    image_prompt: `A wide shot of moment ${i + 1}, blue hour`,
    camera: i % 2 ? "Pan Left" : "slow zoom in",
    duration: "4s",
  }));
  return ["```json\n", JSON.stringify({ scenes }, null, 2), "\n```"];
}

export async function startFakeReplicate() {
  const fixtures = await makeFixtures();
  const predictions = new Map<string, FakePrediction>();
  const createFaults = new Map<string, CreateFault[]>();
  const predictionFaults = new Map<string, PredictionFault[]>();
  const requests: RecordedRequest[] = [];
  let outage = false;
  // The fake's clock can be moved forward, so deadlines pass without a test waiting for them.
  let clockOffset = 0;
  const clock = () => Date.now() + clockOffset;
  const cancelAfterMs = (header: string | string[] | undefined) => {
    const ms = typeof header === "string" ? parseDuration(header) : undefined;
    return ms === undefined ? undefined : clock() + ms;
  };
  // Bills at the most a call can be billed: every input byte a token, the answer at max_tokens, run time to the deadline.
  let billingAtMost = false;
  let slowGets = 0;
  // Replicate's 429 for a GET carries no Retry-After, only words: "resets in ~1s".
  let throttledGets = 0;
  let serial = 0;
  let baseUrl = "";
  const pollsToFinish = 2;
  // A model's fixed run time (the bench's): no prediction finishes sooner after its create.
  let latencyMs = 0;
  const webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;
  const deliveries: { predictionId: string; status: number }[] = [];

  // With a webhook, a prediction finishes on its own clock (as on Replicate) and calls back, signed.
  async function finishAndCallBack(p: FakePrediction): Promise<void> {
    if (p.fault === "never-finish" || (p.status !== "starting" && p.status !== "processing")) return;
    if (!p.started_at) p.started_at = new Date(clock()).toISOString();
    p.polls = pollsToFinish - 1;
    advance(p);
    const body = JSON.stringify(view(p));
    const id = `msg_${p.id}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(p.webhook!, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": timestamp,
        "webhook-signature": `v1,${signWebhook(webhookSecret, id, timestamp, body)}`,
      },
      body,
    }).catch(() => null);
    deliveries.push({ predictionId: p.id, status: response?.status ?? 0 });
  }

  /** Somebody makes predictions on replicate.com with this model and input: they are not ours to adopt. */
  function makeWebPredictions(model: string, input: Record<string, unknown>, count: number): void {
    for (let i = 0; i < count; i++) {
      const id = `web${String(++serial).padStart(6, "0")}`;
      const at = new Date(clock()).toISOString();
      const web: FakePrediction = {
        id,
        model,
        version: "official",
        input,
        status: "processing",
        created_at: at,
        started_at: at,
        completed_at: null,
        output: null,
        error: null,
        polls: 1,
        source: "web",
        dataRemoved: false,
      };
      predictions.set(id, web);
    }
  }

  const uploads = new Map<
    string,
    { id: string; size: number; content_type: string; deleted: boolean; urls: { get: string }; bytes: Buffer }
  >();
  const fileMetadata = (f: { id: string; size: number; content_type: string; urls: { get: string } }) => ({
    id: f.id,
    size: f.size,
    content_type: f.content_type,
    urls: f.urls,
  });
  /** The upload an input names (a files-API URL), kept for tests after it is deleted. */
  const uploadFor = (url: unknown) =>
    typeof url === "string" && url.startsWith(`${baseUrl}/v1/files/`) ? uploads.get(url.split("/").pop()!) : undefined;

  /** Data URLs are for small files (Replicate says about 256 KB); a files-API URL must name a live upload. */
  function checkFileInputs(input: Record<string, unknown>): string | null {
    for (const [key, value] of Object.entries(input)) {
      if (typeof value !== "string") continue;
      if (value.startsWith("data:") && value.length > DATA_URL_LIMIT)
        return `- input.${key}: data URL is too large; upload the file instead`;
      const upload = value.startsWith(`${baseUrl}/v1/files/`) ? uploads.get(value.split("/").pop()!) : undefined;
      if (value.startsWith(`${baseUrl}/v1/files/`) && (!upload || upload.deleted))
        return `- input.${key}: the file could not be fetched`;
    }
    return null;
  }

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  // Replicate keeps no data URL it was sent (they are for small files, not stored), and wipes inputs after an hour.
  const echoedInput = (p: FakePrediction) =>
    inputsRemoved(p)
      ? {}
      : Object.fromEntries(Object.entries(p.input).filter(([, v]) => !(typeof v === "string" && v.startsWith("data:"))));
  // An hour after it was made, an API prediction's inputs are wiped (its outputs too, see /files/).
  const inputsRemoved = (p: FakePrediction) => p.dataRemoved || clock() - Date.parse(p.created_at) > HOUR_MS;
  const view = (p: FakePrediction) => {
    const { id, model, version, status, created_at, started_at, completed_at, output, error, metrics } = p;
    return {
      id,
      model,
      version,
      input: echoedInput(p),
      source: p.source,
      data_removed: inputsRemoved(p),
      metrics,
      status,
      created_at,
      started_at,
      completed_at,
      output,
      error,
      urls: { get: `${baseUrl}/v1/predictions/${p.id}`, cancel: `${baseUrl}/v1/predictions/${p.id}/cancel` },
    };
  };

  function advance(p: FakePrediction): void {
    if (p.status === "succeeded" || p.status === "failed" || p.status === "canceled" || p.status === "aborted") return;
    if (p.status === "starting" && p.cancelAt !== undefined && clock() > p.cancelAt) {
      p.status = "aborted";
      p.completed_at = new Date(clock()).toISOString();
      return;
    }
    if (p.fault === "stuck-in-queue") return; // no machine free: it stays "starting"
    p.polls++;
    if (p.polls === 1) {
      p.status = "processing";
      p.started_at = new Date(clock()).toISOString();
      return;
    }
    if (p.polls < pollsToFinish || p.fault === "never-finish") return;
    if (clock() - Date.parse(p.created_at) < latencyMs) return;
    p.completed_at = new Date(clock()).toISOString();
    if (p.fault === "fail") {
      p.status = "failed";
      p.error = "CUDA out of memory";
      return;
    }
    p.status = "succeeded";
    p.metrics = { predict_time: billingAtMost && p.cancelAt ? (p.cancelAt - Date.parse(p.created_at)) / 1000 : 1.25 };
    const isLlm = p.model.startsWith("meta/");
    if (isLlm) {
      const prompt = String(p.input.prompt);
      if (p.fault === "bad-json") p.output = ["Sure! Here is a lovely story about", " a fox."];
      else if (p.fault === "careless-json") p.output = carelessScenesJson(prompt);
      else p.output = scenesJson(prompt, p.fault === "too-long-scene" ? 20 : 3);
      // About four characters a token, as Llama's tokenizer counts English.
      const sent = `${String(p.input.prompt_template ?? "")}${prompt}`;
      p.metrics = billingAtMost
        ? {
            ...p.metrics,
            input_token_count: Buffer.byteLength(sent, "utf8"),
            output_token_count: Number(p.input.max_tokens),
          }
        : {
            ...p.metrics,
            input_token_count: Math.ceil(sent.length / 4),
            output_token_count: Math.ceil(String([p.output].flat().join("")).length / 4),
          };
      return;
    }
    const ext = p.model.includes("flux") ? "jpg" : p.model.includes("kokoro") ? "wav" : "mp4";
    const variant = p.fault === "corrupt-output" ? "corrupt" : p.fault === "expired-output" ? "expired" : "ok";
    const url = `${baseUrl}/files/${p.id}-${variant}.${ext}`;
    p.output = ext === "jpg" ? [url] : url;
  }

  // Each still is one colour picked by its seed, so a test can tell the stills of a job apart by their pixels.
  const stills = new Map<string, Promise<Buffer>>();
  function stillFor(predictionId: string): Promise<Buffer> {
    const seed = Number(predictions.get(predictionId)?.input.seed ?? 0);
    const background = { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 151) % 256 };
    if (!stills.has(predictionId)) {
      stills.set(
        predictionId,
        sharp({ create: { width: 1024, height: 576, channels: 3, background } })
          .jpeg()
          .toBuffer(),
      );
    }
    return stills.get(predictionId)!;
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    let body = "";
    for await (const chunk of req) body += chunk;
    return body;
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push({ method: req.method ?? "GET", path: url.pathname, at: Date.now(), headers: req.headers });

    if (url.pathname.startsWith("/files/")) {
      const [, name] = url.pathname.split("/files/");
      const made = predictions.get(name!.split("-")[0]!)?.completed_at;
      if (name!.includes("-expired") || (made && clock() - Date.parse(made) > HOUR_MS)) {
        return send(res, 404, { detail: "Not found" });
      }
      if (name!.includes("-corrupt")) {
        res.writeHead(200, { "Content-Type": "text/html" });
        return res.end("<html><body>502 Bad Gateway</body></html>");
      }
      if (name!.endsWith(".wav")) {
        res.writeHead(200, { "Content-Type": "audio/wav" });
        return res.end(speechWav(1.6));
      }
      res.writeHead(200, { "Content-Type": name!.endsWith(".jpg") ? "image/jpeg" : "video/mp4" });
      return res.end(name!.endsWith(".jpg") ? await stillFor(name!.split("-")[0]!) : fixtures.mp4);
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { title: "Unauthenticated", detail: "You did not pass a valid authentication token" });
    if (outage) return send(res, 503, { detail: "Service Unavailable" });

    // The files API: multipart upload with a `content` part, metadata, get and delete.
    if (req.method === "POST" && url.pathname === "/v1/files") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = await new Response(Buffer.concat(chunks), { headers: { "content-type": String(req.headers["content-type"]) } })
        .formData()
        .catch(() => null);
      const content = form?.get("content");
      if (!(content instanceof Blob)) return send(res, 400, { detail: "The upload has no content part." });
      const id = `file${String(++serial).padStart(6, "0")}`;
      const bytes = Buffer.from(await content.arrayBuffer());
      const file = {
        id,
        bytes,
        size: content.size,
        content_type: content.type,
        deleted: false,
        urls: { get: `${baseUrl}/v1/files/${id}` },
      };
      uploads.set(id, file);
      return send(res, 201, {
        ...fileMetadata(file),
        checksums: {},
        metadata: {},
        created_at: new Date().toISOString(),
        expires_at: null,
      });
    }
    const fileRoute = /^\/v1\/files\/([^/]+)$/.exec(url.pathname);
    if (fileRoute) {
      const file = uploads.get(fileRoute[1]!);
      if (!file || file.deleted) return send(res, 404, { detail: "Not found." });
      if (req.method === "DELETE") {
        file.deleted = true;
        res.writeHead(204);
        return res.end();
      }
      return send(res, 200, fileMetadata(file));
    }

    const create = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(url.pathname);
    if (req.method === "POST" && (create || url.pathname === "/v1/predictions")) {
      const body = JSON.parse(await readBody(req)) as { input: Record<string, unknown>; version?: string; webhook?: string };
      const model = create ? `${create[1]}/${create[2]}` : (MODEL_VERSIONS[body.version ?? ""] ?? "pinned/model");
      const invalid = checkInput(model, body.input ?? {}) ?? checkFileInputs(body.input ?? {});
      if (invalid) {
        return send(res, 422, {
          title: "Input validation failed",
          detail: invalid,
          status: 422,
          invalid_fields: invalid.split("\n"),
        });
      }
      const fault = createFaults.get(model)?.shift();
      if (fault === "429") return send(res, 429, { detail: "Request was throttled." }, { "Retry-After": "1" });
      if (fault === "500") return send(res, 500, { detail: "Internal server error" });
      if (fault === "401") return send(res, 401, { detail: "Invalid token" });
      const p: FakePrediction = {
        id: `fake${String(++serial).padStart(6, "0")}`,
        model,
        version: body.version ?? "official",
        input: body.input,
        status: "starting",
        created_at: new Date(clock()).toISOString(),
        cancelAt: cancelAfterMs(req.headers["cancel-after"]),
        started_at: null,
        completed_at: null,
        output: null,
        error: null,
        polls: 0,
        fault: predictionFaults.get(model)?.shift(),
        webhook: body.webhook,
        source: "api",
        dataRemoved: false,
      };
      // A person made the same prediction on the website a moment before, and more traffic came after:
      // ours is neither first in the list nor on its first page.
      if (fault === "hang-with-web-twin") makeWebPredictions(model, body.input, 1);
      predictions.set(p.id, p);
      if (fault === "hang-with-web-twin") makeWebPredictions(model, { prompt: "someone else's video" }, LIST_PAGE_SIZE + 1);
      if (p.webhook) setTimeout(() => void finishAndCallBack(p), 150);
      if (fault === "500-after-create") return send(res, 500, { detail: "Internal server error" });
      // The client times out; the prediction exists anyway.
      if (fault === "hang-after-create" || fault === "hang-with-web-twin") return;
      return send(res, 201, view(p));
    }
    if (req.method === "GET" && url.pathname === "/v1/predictions") {
      // Newest first, a few to a page (so callers must follow `next`), optionally only those created after a time.
      const after = url.searchParams.get("created_after");
      const cursor = Number(url.searchParams.get("cursor") ?? 0);
      const all = [...predictions.values()].reverse().filter((p) => !after || Date.parse(p.created_at) > Date.parse(after));
      const results = all.slice(cursor, cursor + LIST_PAGE_SIZE).map(view);
      const nextUrl = new URL(`${baseUrl}/v1/predictions`);
      if (after) nextUrl.searchParams.set("created_after", after);
      nextUrl.searchParams.set("cursor", String(cursor + LIST_PAGE_SIZE));
      return send(res, 200, { results, next: cursor + LIST_PAGE_SIZE < all.length ? nextUrl.toString() : null, previous: null });
    }
    const one = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(url.pathname);
    const p = one ? predictions.get(one[1]!) : undefined;
    if (!one || !p) return send(res, 404, { detail: "Not found." });
    if (req.method === "POST" && one[2]) {
      if (p.status === "starting" || p.status === "processing") p.status = "canceled";
      return send(res, 200, view(p));
    }
    if (req.method === "GET" && !one[2]) {
      if (throttledGets > 0) {
        throttledGets--;
        return send(res, 429, {
          title: "Request was throttled",
          detail: "Request was throttled. Your rate limit resets in ~1s.",
          status: 429,
        });
      }
      if (slowGets > 0) {
        slowGets--;
        await new Promise((r) => setTimeout(r, 3000)); // longer than the app's request timeout
      }
      advance(p);
      return send(res, 200, view(p));
    }
    return send(res, 405, { detail: "Method not allowed" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    baseUrl,
    apiUrl: `${baseUrl}/v1`,
    token,
    webhookSecret,
    deliveries,
    predictions,
    requests,
    failNextCreate: (model: string, ...faults: CreateFault[]) =>
      createFaults.set(model, [...(createFaults.get(model) ?? []), ...faults]),
    failNextPrediction: (model: string, ...faults: PredictionFault[]) =>
      predictionFaults.set(model, [...(predictionFaults.get(model) ?? []), ...faults]),
    setOutage: (on: boolean) => void (outage = on),
    billAtMost: (on: boolean) => void (billingAtMost = on),
    advanceClock: (ms: number) => void (clockOffset += ms),
    setLatency: (ms: number) => void (latencyMs = ms),
    makeWebPredictions,
    uploads,
    uploadFor,
    slowNextGets: (count: number) => void (slowGets = count),
    throttleNextGets: (count: number) => void (throttledGets = count),
    throttledGetsLeft: () => throttledGets,
    slowGetsLeft: () => slowGets,
    creates: (model?: string) =>
      requests.filter((r) => r.method === "POST" && r.path.endsWith("/predictions") && (!model || r.path.includes(model))),
    polls: () => requests.filter((r) => r.method === "GET" && /^\/v1\/predictions\/[^/]+$/.test(r.path)).length,
    reset: () => {
      requests.length = 0;
      createFaults.clear();
      slowGets = 0;
      throttledGets = 0;
      predictionFaults.clear();
      billingAtMost = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeReplicate = Awaited<ReturnType<typeof startFakeReplicate>>;
