import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { queryDb } from "../helpers/read-db";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";
import { ffmpegPath, ffprobePath } from "@/lib/media/binaries";

// Uploads through the real Node server in front of the app: a corpus of good and hostile files and requests, each
// answered with the right status and a sentence, and nothing left behind (no row, no file, no temp file) that
// should not be.
let app: RunningApp;
let api: ReturnType<typeof apiClient>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-upload-corpus-"));
const run = promisify(execFile);

// Small limits so the over-limit cases stay small: 1 MB images, 2 MB sounds of at most 5 seconds.
const LIMITS = { UPLOAD_IMAGE_MAX_MB: "1", UPLOAD_AUDIO_MAX_MB: "2", UPLOAD_AUDIO_MAX_SECONDS: "5", UPLOAD_QUOTA_FILES: "40" };

before(async () => {
  app = await startApp(LIMITS);
  api = apiClient(app.baseUrl, app.token);
});
after(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const colour = (seed: number) => ({ r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 193) % 256 });
const jpeg = (seed: number, width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: colour(seed) } })
    .jpeg()
    .toBuffer();

async function tone(seconds: number, ext: "mp3" | "wav"): Promise<Buffer> {
  const out = path.join(dir, `tone-${seconds}.${ext}`);
  await run(ffmpegPath(), ["-v", "error", "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`, "-y", out]);
  return fs.readFileSync(out);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, "ascii"), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG that says it is 20000 × 20000 pixels, in a few hundred bytes (a decompression bomb's header). */
function hugePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20_000, 0);
  ihdr.writeUInt32BE(20_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = zlib.deflateSync(Buffer.alloc(20_000 * 3 + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", rows),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A zip holding one stored text file: local header, data, central directory and its end record. */
function zipFile(): Buffer {
  const name = Buffer.from("notes.txt");
  const body = Buffer.from("hello");
  const crc = zlib.crc32(body) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(body.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(body.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralAt = local.length + name.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, name, body, central, name, end]);
}

function form(files: { field?: string; bytes: Buffer; name: string; type?: string }[], fields: Record<string, string> = {}) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const f of files)
    body.append(f.field ?? "file", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
  return body;
}

/**
 * POSTs over a plain socket and reads the answer even when the server answers before the body is all sent and
 * closes the connection (as it does for refusals); fetch would report that as a network error.
 */
async function upload(
  body: FormData | Buffer | string,
  headers: Record<string, string> = {},
  base?: string,
  auth?: Record<string, string>,
) {
  let bytes: Buffer;
  const sent: Record<string, string> = { ...(auth ?? app.auth), ...headers };
  if (body instanceof FormData) {
    const encoded = new Response(body);
    sent["content-type"] ??= encoded.headers.get("content-type")!;
    bytes = Buffer.from(await encoded.arrayBuffer());
  } else bytes = Buffer.from(body);
  sent["content-length"] = String(bytes.length);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(`${base ?? app.baseUrl}/api/uploads`, { method: "POST", headers: sent });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may answer and close before the whole body is written: the answer still arrives.
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    req.end(bytes);
  });
  return { status, json: text ? JSON.parse(text) : null };
}

const filesUnder = (dir: string) => (fs.existsSync(dir) ? listFiles(dir) : []);
/** Stored uploads, relative to DATA_DIR/uploads ("<owner>/<asset>.jpg"); temp files apart. */
const storedFiles = () => filesUnder(path.join(app.dataDir, "uploads")).filter((f) => !f.startsWith(`tmp${path.sep}`));
const tempFiles = () => filesUnder(path.join(app.dataDir, "uploads", "tmp"));
const assetRows = () => queryDb<{ id: string; name: string }>(app.dataDir, `SELECT id, name FROM "Asset"`);

/** Sends it, expects a refusal, and checks that nothing was kept: no row, no stored file, no temp file. */
async function refused(body: FormData | Buffer | string, status: number, message: RegExp, headers: Record<string, string> = {}) {
  const rows = assetRows().length;
  const files = storedFiles().length;
  const answer = await upload(body, headers);
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  assert.match(answer.json.error.message, message);
  assert.doesNotMatch(answer.json.error.message, /undefined|Error:|at \w+ \(/);
  assert.equal(assetRows().length, rows, "no row was written");
  assert.equal(storedFiles().length, files, `no file was kept: ${storedFiles().join(" ")}`);
  assert.deepEqual(tempFiles(), [], "no temp file remains");
  return answer;
}

describe("files that are kept", () => {
  it("an upright copy of a photo without its EXIF or GPS, the same bytes twice as one asset", async () => {
    // 64 × 48 stored sideways with orientation 6 (rotate 90°) and a GPS position.
    const sideways = await sharp(await jpeg(1, 64, 48))
      .withMetadata({ orientation: 6, exif: { IFD0: { Make: "Test Camera" }, IFD3: { GPSLatitudeRef: "N" } } })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(sideways).metadata()).exif, "the original carries EXIF");
    const first = await upload(form([{ bytes: sideways, name: "holiday.jpg", type: "image/jpeg" }]));
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.equal(first.json.kind, "image");
    assert.equal(first.json.name, "holiday.jpg");
    assert.deepEqual([first.json.width, first.json.height], [48, 64], "turned upright");
    const stored = Buffer.from(await (await fetch(`${app.baseUrl}${first.json.url}`, { headers: app.auth })).arrayBuffer());
    const meta = await sharp(stored).metadata();
    assert.equal(meta.exif, undefined, "no EXIF (and so no GPS) in the stored copy");
    assert.equal(meta.orientation, undefined);
    assert.ok(!first.json.url.includes("holiday"), "the stored name is generated");

    const again = await upload(form([{ bytes: sideways, name: "copy of holiday.jpg" }]));
    assert.equal(again.status, 200);
    assert.equal(again.json.id, first.json.id, "same bytes, same asset");
  });

  it("PNG with transparency stays PNG; WebP is kept as JPEG; MP3 and WAV become AAC with their length", async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const transparent = await upload(form([{ bytes: png, name: "logo.png" }]));
    assert.equal(transparent.status, 201);
    assert.equal(transparent.json.contentType, "image/png");
    const webp = await sharp(await jpeg(2))
      .webp()
      .toBuffer();
    const converted = await upload(form([{ bytes: webp, name: "photo.webp" }]));
    assert.equal(converted.status, 201);
    assert.equal(converted.json.contentType, "image/jpeg");
    for (const ext of ["mp3", "wav"] as const) {
      const sound = await upload(form([{ bytes: await tone(3, ext), name: `tone.${ext}` }]));
      assert.equal(sound.status, 201, JSON.stringify(sound.json));
      assert.equal(sound.json.kind, "audio");
      assert.ok(Math.abs(sound.json.durationSec - 3) < 0.2, String(sound.json.durationSec));
      const file = path.join(app.dataDir, sound.json.url.replace("/api/media/", ""));
      const { stdout } = await run(ffprobePath(), ["-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", file]);
      assert.equal(stdout.trim(), "aac");
    }
  });

  it("stores under a generated name; the name sent is only shown, and one with a path or a NUL is refused", async () => {
    const named = await upload(form([{ bytes: await jpeg(3), name: "<img src=x onerror=alert(1)>.jpg" }]));
    assert.equal(named.status, 201);
    assert.equal(named.json.name, "<img src=x onerror=alert(1)>.jpg", "kept as text; the page escapes it");
    const message =
      /The file name may not contain a path or control characters: send the file under its own name\.|a control character in the file name/;
    await refused(form([{ bytes: await jpeg(4), name: "../../../etc/passwd.jpg" }]), 400, message);
    await refused(form([{ bytes: await jpeg(4), name: "evil\u0000.php.jpg" }]), 400, message);
    await refused(form([{ bytes: await jpeg(4), name: "C:\\Users\\me\\photo.jpg" }]), 400, message);
    assert.ok(
      storedFiles().every((f) => /^[a-z0-9]+[/\\]a[0-9a-f]{24}\.(jpg|png|m4a)$/.test(f)),
      storedFiles().join("\n"),
    );
  });
});

describe("files that are refused", () => {
  it("anything that is not an image or a sound, whatever its name or declared type", async () => {
    const photo = await jpeg(5);
    const cases: [string, Buffer, number, RegExp][] = [
      ["empty.jpg", Buffer.alloc(0), 400, /The file is empty \(0 bytes\)\./],
      ["cut.jpg", photo.subarray(0, photo.length - 200), 422, /The JPEG image is cut short|could not be decoded/],
      [
        "cut.png",
        await sharp(await jpeg(6, 200, 200))
          .png()
          .toBuffer()
          .then((png) => png.subarray(0, png.length / 2)),
        422,
        /The PNG image is cut short: its end is missing\./,
      ],
      ["huge.png", hugePng(), 422, /The image is 20000 × 20000 pixels \(400 megapixels\); the most is 50 megapixels\./],
      [
        "page.jpg",
        Buffer.concat([photo, Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>")]),
        415,
        /This JPEG image carries something else inside it \(a polyglot file\)/,
      ],
      [
        "drawing.svg",
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        415,
        /This file is text \(HTML, SVG, a script or plain text\), not an image or a sound; upload a JPEG, PNG/,
      ],
      ["photo.jpg", Buffer.from("<!doctype html><html><body>hi</body></html>"), 415, /This file is text/],
      ["run.jpg", fs.readFileSync(process.execPath).subarray(0, 64 * 1024), 415, /This file is a ELF file|This file is an? ELF/],
      ["archive.png", zipFile(), 415, /This file is a ZIP file \(application\/zip\)/],
      ["song.mp3", Buffer.from("This is not a song, only words.\n".repeat(40)), 415, /This file is text/],
      [
        "broken.mp3",
        await tone(3, "mp3").then((mp3) => Buffer.concat([mp3.subarray(0, 2000), Buffer.alloc(8000, 7)])),
        422,
        /The MP3 file (has no sound that could be read|could not be decoded)/,
      ],
      [
        "moving.gif",
        Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64"),
        415,
        /This file is a GIF file \(image\/gif\); upload a JPEG, PNG, WebP or AVIF image/,
      ],
      ["paper.pdf", Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"), 415, /This file is a PDF file/],
      ["long.mp3", await tone(8, "mp3"), 422, /The sound is 8 seconds long; the most is 5 seconds/],
      [
        "big.jpg",
        await jpeg(7, 1500, 1500).then((b) =>
          Buffer.concat([b.subarray(0, -2), Buffer.alloc(1.2 * 1024 * 1024, 1), b.subarray(-2)]),
        ),
        413,
        /The image is larger than 1 MB, the most an image may be\./,
      ],
    ];
    for (const [name, bytes, status, message] of cases) {
      await refused(form([{ bytes, name, type: "image/jpeg" }]), status, message).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
    }
  });

  it("requests without exactly one file in the field named file", async () => {
    const photo = await jpeg(8);
    await refused(form([], { title: "no file" }), 400, /Send the file in a multipart form field named "file"\./);
    await refused(
      form([{ field: "upload", bytes: photo, name: "a.jpg" }]),
      400,
      /Send the file in a multipart form field named "file"\./,
    );
    await refused(
      form([
        { bytes: photo, name: "a.jpg" },
        { bytes: await jpeg(9), name: "b.jpg" },
      ]),
      400,
      /Send one file per upload\./,
    );
    await refused(
      JSON.stringify({ file: "base64..." }),
      415,
      /Send the file as multipart\/form-data, in a form field named "file"\./,
      {
        "content-type": "application/json",
      },
    );
    await refused("file=photo.jpg", 415, /multipart\/form-data/, { "content-type": "application/x-www-form-urlencoded" });
    await refused(photo, 415, /multipart\/form-data/, { "content-type": "image/jpeg" });
    await refused("--x\r\n", 400, /not valid multipart\/form-data/, { "content-type": "multipart/form-data" });
  });

  it("other people, other sites and no one", async () => {
    const photo = await jpeg(10);
    const signedOut = await upload(form([{ bytes: photo, name: "a.jpg" }]), {}, undefined, {});
    assert.equal(signedOut.status, 403, "no token and no Origin: a form post from anywhere");
    assert.match(signedOut.json.error.message, /An upload must come from this studio's own pages or carry an API token\./);
    const noSession = await upload(form([{ bytes: photo, name: "a.jpg" }]), { Origin: app.baseUrl }, undefined, {});
    assert.equal(noSession.status, 401);
    await refused(form([{ bytes: photo, name: "a.jpg" }]), 403, /A request from another site cannot change anything here/, {
      Origin: "https://evil.example",
    });
    // A session cookie from a page of this studio (the browser adds Origin) is enough.
    const fromPage = await upload(
      form([{ bytes: photo, name: "from the page.jpg" }]),
      { Origin: app.baseUrl, Cookie: app.cookie },
      undefined,
      {},
    );
    assert.equal(fromPage.status, 201);
    const mine = fromPage.json as { id: string; url: string };
    // Another person of the same studio: an invite, a token, then every way at the owner's upload.
    const token = await invitePerson(app, { name: "Mallory", email: "mallory@example.com", password: "mallory's password" });
    const mallory = apiClient(app.baseUrl, token);
    assert.equal((await mallory.request("GET", `/api/uploads/${mine.id}`)).status, 404);
    assert.equal((await mallory.request("DELETE", `/api/uploads/${mine.id}`)).status, 404);
    assert.equal((await fetch(`${app.baseUrl}${mine.url}`, { headers: { Authorization: `Bearer ${token}` } })).status, 404);
    assert.equal((await mallory.request("GET", "/api/uploads")).json.assets.length, 0);
    // Another person's upload id on one's own job: as if it did not exist.
    const theirs = await upload(form([{ bytes: await jpeg(11), name: "mallory.jpg" }]), {}, undefined, {
      Authorization: `Bearer ${token}`,
    });
    assert.equal(theirs.status, 201);
    for (const body of [{ musicUploadId: theirs.json.id }, { referenceUploadId: theirs.json.id }]) {
      const refused = await api.request("POST", "/api/jobs", { prompt: "Not mine.", sceneCount: 2, ...body });
      assert.equal(refused.status, 404);
      assert.equal(refused.json.error.message, "That upload does not exist.");
    }
    const draft = await api.createJob({ prompt: "A borrowed picture. It is not mine.", sceneCount: 2 });
    const ready = await api.waitForStatus(draft.id, ["awaiting_approval"], 60_000);
    const onScene = await api.request("PATCH", `/api/jobs/${draft.id}/scenes/${ready.scenes[0]!.id}`, {
      uploadId: theirs.json.id,
    });
    assert.equal(onScene.status, 404);
    assert.equal(onScene.json.error.message, "That upload does not exist.");
    assert.equal((await api.request("GET", `/api/uploads/${mine.id}`)).status, 200);
  });

  it("an upload over the limit is cut off while it is still arriving, and one cut off by the sender leaves nothing", async () => {
    const rows = assetRows().length;
    // No Content-Length (chunked), 5 MB in 64 KB pieces, slowly: the answer comes long before the last piece.
    const { status, sentWhenAnswered, total } = await new Promise<{ status: number; sentWhenAnswered: number; total: number }>(
      (resolve, reject) => {
        const boundary = "----storyreel-test";
        const total = 5 * 1024 * 1024;
        let sent = 0;
        const req = http.request(`${app.baseUrl}/api/uploads`, {
          method: "POST",
          headers: { ...app.auth, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
        });
        req.on("response", (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sentWhenAnswered: sent, total });
          req.destroy();
        });
        req.on("error", () => undefined);
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        );
        const piece = Buffer.alloc(64 * 1024, 0xab);
        const timer = setInterval(() => {
          if (req.destroyed || sent >= total) {
            clearInterval(timer);
            if (!req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
            return;
          }
          req.write(piece);
          sent += piece.length;
        }, 5);
        setTimeout(() => reject(new Error("no answer")), 30_000).unref();
      },
    );
    assert.equal(status, 413);
    assert.ok(sentWhenAnswered < total, `answered after ${sentWhenAnswered} of ${total} bytes`);
    // A declared length over the limit is refused before a byte of the body is read.
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${app.baseUrl}/api/uploads`, {
        method: "POST",
        headers: { ...app.auth, "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).error.message, /^The upload is larger than 2,048 KB, the most one file may be\.$/);

    // The sender hangs up half-way through a file.
    await new Promise<void>((resolve) => {
      const req = http.request(`${app.baseUrl}/api/uploads`, {
        method: "POST",
        headers: { ...app.auth, "content-type": "multipart/form-data; boundary=b", "content-length": "100000" },
      });
      req.on("error", () => resolve());
      req.write(`--b\r\nContent-Disposition: form-data; name="file"; filename="half.jpg"\r\n\r\n`);
      req.write(Buffer.alloc(30_000, 1));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(assetRows().length, rows);
    assert.deepEqual(tempFiles(), []);
  });
});

describe("the quota and many at once", () => {
  it(
    "ten uploads at once all land; ten against a quota with room for three: three do, seven are told what is left",
    { timeout: 90_000 },
    async () => {
      const images = await Promise.all(Array.from({ length: 10 }, (_, i) => jpeg(100 + i)));
      const before = assetRows().length;
      const answers = await Promise.all(images.map((bytes, i) => upload(form([{ bytes, name: `batch-${i}.jpg` }]))));
      assert.deepEqual(
        answers.map((a) => a.status),
        Array(10).fill(201),
      );
      assert.equal(assetRows().length, before + 10);

      const tight = await startApp({ ...LIMITS, UPLOAD_QUOTA_FILES: "3" });
      try {
        const more = await Promise.all(Array.from({ length: 10 }, (_, i) => jpeg(200 + i)));
        const results = await Promise.all(
          more.map((bytes, i) => upload(form([{ bytes, name: `q-${i}.jpg` }]), {}, tight.baseUrl, tight.auth)),
        );
        assert.equal(results.filter((r) => r.status === 201).length, 3, results.map((r) => r.status).join(" "));
        for (const r of results.filter((x) => x.status !== 201)) {
          assert.equal(r.status, 413);
          assert.match(
            r.json.error.message,
            /You have 3 uploads, the most one person may keep is 3: delete some on the Uploads page first\./,
          );
        }
        assert.equal(listFiles(path.join(tight.dataDir, "uploads")).filter((f) => /\.(jpg|png|m4a)$/.test(f)).length, 3);
      } finally {
        await tight.stop();
      }
    },
  );

  it("deleting an upload removes its file; the list and its usage follow", async () => {
    const listed = await api.request("GET", "/api/uploads");
    const [first] = listed.json.assets;
    const file = path.join(app.dataDir, first.url.replace("/api/media/", ""));
    assert.ok(fs.existsSync(file));
    assert.equal((await api.request("DELETE", `/api/uploads/${first.id}`)).status, 204);
    assert.ok(!fs.existsSync(file));
    assert.equal((await api.request("DELETE", `/api/uploads/${first.id}`)).status, 404);
    const after = (await api.request("GET", "/api/uploads")).json;
    assert.equal(after.assets.length, listed.json.assets.length - 1);
    assert.equal(after.usage.bytes, listed.json.usage.bytes - first.bytes);
  });
});

describe("an uploaded image as a scene's still", () => {
  const meanColour = async (image: Buffer) => (await sharp(image).stats()).channels.slice(0, 3).map((c) => Math.round(c.mean));
  const pixel = async (image: Buffer, x: number, y: number) =>
    Array.from((await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer()).subarray(0, 3));
  const fetchBytes = async (url: string) =>
    Buffer.from(await (await fetch(`${app.baseUrl}${url}`, { headers: app.auth })).arrayBuffer());

  it(
    "is fitted to the frame (cropped, or whole on a blurred fill), survives the upload's deletion, and starts the clip",
    { timeout: 120_000 },
    async () => {
      const job = await api.createJob({ prompt: "A red door in a white wall. The door opens.", sceneCount: 2 });
      const review = await api.waitForStatus(job.id, ["awaiting_approval"], 60_000);
      // A portrait photo: red in the middle third, white above and below.
      const portrait = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#ffffff" } })
        .composite([
          {
            input: await sharp({ create: { width: 600, height: 300, channels: 3, background: "#dc1414" } })
              .png()
              .toBuffer(),
            top: 300,
            left: 0,
          },
        ])
        .jpeg()
        .toBuffer();
      const uploaded = await upload(form([{ bytes: portrait, name: "door.jpg" }]));
      assert.equal(uploaded.status, 201);
      const [first, second] = review.scenes;

      const cover = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${first!.id}`, {
        uploadId: uploaded.json.id,
        fit: "cover",
      });
      assert.equal(cover.status, 200, JSON.stringify(cover.json));
      const covered = await fetchBytes(cover.json.scenes[0].stillUrl);
      const size = await sharp(covered).metadata();
      assert.deepEqual([size.width, size.height], [1280, 720], "the frame of a 16:9 video");
      const [r, g, b] = await meanColour(covered);
      assert.ok(r! > 200 && g! < 60 && b! < 60, `cropped to the red middle: ${r},${g},${b}`);

      const blur = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${second!.id}`, {
        uploadId: uploaded.json.id,
        fit: "blur",
      });
      assert.equal(blur.status, 200);
      const blurred = await fetchBytes(blur.json.scenes[1].stillUrl);
      const middle = await pixel(blurred, 640, 360);
      const side = await pixel(blurred, 20, 360);
      assert.ok(middle[0]! > 200 && middle[1]! < 60, `the whole image in the middle: ${middle}`);
      assert.ok(side[0]! > 40 && side[0]! < middle[0]!, `a darkened blurred fill at the side, not black bars: ${side}`);

      // Refusals: another person's or no such upload, a sound, a fit alone, a job not awaiting approval.
      assert.equal(
        (await api.request("PATCH", `/api/jobs/${job.id}/scenes/${first!.id}`, { uploadId: "a000000000000000000000000" })).status,
        404,
      );
      const sound = await upload(form([{ bytes: await tone(2, "wav"), name: "knock.wav" }]));
      const notImage = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${first!.id}`, { uploadId: sound.json.id });
      assert.equal(notImage.status, 400);
      assert.match(notImage.json.error.message, /That upload is a sound; a scene's still must be an image\./);
      const fitAlone = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${first!.id}`, { fit: "blur" });
      assert.equal(fitAlone.status, 400);
      assert.match(fitAlone.json.error.message, /A fit goes with an uploadId/);

      // The upload goes; the job keeps its own copy and renders from it.
      assert.equal((await api.request("DELETE", `/api/uploads/${uploaded.json.id}`)).status, 204);
      assert.equal((await api.request("POST", `/api/jobs/${job.id}/approve`)).status, 200);
      const done = await api.waitForStatus(job.id, ["completed"], 90_000);
      const frame = path.join(dir, "first-frame.png");
      await run(ffmpegPath(), [
        "-v",
        "error",
        "-i",
        path.join(app.dataDir, done.videoUrl!.replace("/api/media/", "")),
        "-frames:v",
        "1",
        "-y",
        frame,
      ]);
      const [fr, fg] = await meanColour(fs.readFileSync(frame));
      assert.ok(fr! > 150 && fg! < 90, `the video opens on the uploaded image: ${fr},${fg}`);
      // A finished video's scenes can be refined, but a still must be an image.
      const soundAsStill = await api.request("PATCH", `/api/jobs/${job.id}/scenes/${first!.id}`, { uploadId: sound.json.id });
      assert.equal(soundAsStill.status, 400);
      assert.match(soundAsStill.json.error.message, /That upload is a sound/);
    },
  );
});

/** An MP3 whose Xing header counts the frames of `claims` seconds while it holds `holds` seconds of sound. */
async function lyingMp3(claims: number, holds: number): Promise<Buffer> {
  const out = path.join(dir, `liar-${holds}.mp3`);
  const tone = `sine=frequency=330:duration=${holds}:sample_rate=22050`;
  await run(ffmpegPath(), [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    tone,
    "-ac",
    "1",
    "-b:a",
    "32k",
    "-id3v2_version",
    "0",
    "-y",
    out,
  ]);
  const mp3 = fs.readFileSync(out);
  const tag = Math.max(mp3.indexOf("Xing"), mp3.indexOf("Info"));
  assert.ok(tag > 0 && (mp3.readUInt32BE(tag + 4) & 1) === 1, "the encoder wrote a frame count");
  // MPEG-2 layer III at 22.05 kHz: 576 samples a frame. The byte count stays true, so the file does not look cut.
  mp3.writeUInt32BE(Math.round((claims * 22050) / 576), tag + 8);
  return mp3;
}

/** The ffmpeg processes a server has started and not yet reaped. */
function ffmpegChildren(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const [comm, rest] = [stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), stat.slice(stat.lastIndexOf(")") + 2)];
        return comm === "ffmpeg" && Number(rest.split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const waitFor = async (what: string, done: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("sounds that are longer than they say, or slow to decode", () => {
  it("an MP3 whose header claims 2 seconds but holds 2 minutes is refused, after decoding only past the limit", async () => {
    const liar = await lyingMp3(2, 120);
    const liarPath = path.join(dir, "liar.mp3");
    fs.writeFileSync(liarPath, liar);
    const probe = ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", liarPath];
    const { stdout } = await run(ffprobePath(), probe);
    assert.ok(Math.abs(Number(stdout) - 2) < 0.1, `ffprobe believes the header: ${stdout.trim()} s`);
    const started = Date.now();
    await refused(
      form([{ bytes: liar, name: "short.mp3" }]),
      422,
      /^The sound is longer than 5 seconds, though its header says 2; the most is 5 seconds\.$/,
    );
    assert.ok(Date.now() - started < 5000, `answered in ${Date.now() - started} ms`);
    assert.deepEqual(ffmpegChildren(app.pid), [], "no decoder left running");
    // A sound inside the limit is still kept, with the length that was decoded.
    const fits = await upload(form([{ bytes: await tone(4, "mp3"), name: "four.mp3" }]));
    assert.equal(fits.status, 201, JSON.stringify(fits.json));
    assert.ok(Math.abs(fits.json.durationSec - 4) < 0.2, String(fits.json.durationSec));
  });

  describe("with a deadline", () => {
    let slow: RunningApp;
    let twentyMinutes: Buffer;
    before(async () => {
      slow = await startApp({ UPLOAD_AUDIO_MAX_SECONDS: "3600", UPLOAD_AUDIO_DECODE_SECONDS: "3" });
      const out = path.join(dir, "twenty-minutes.mp3");
      const tone = "sine=frequency=440:duration=1200:sample_rate=8000";
      await run(ffmpegPath(), ["-v", "error", "-f", "lavfi", "-i", tone, "-ac", "1", "-b:a", "8k", "-y", out]);
      twentyMinutes = fs.readFileSync(out);
    });
    after(async () => {
      await slow?.stop();
    });
    const leftovers = () => ({
      rows: queryDb(slow.dataDir, `SELECT id FROM "Asset"`).length,
      files: listFiles(slow.dataDir).filter((f) => f.startsWith(`uploads${path.sep}`)),
    });

    it("a sound that takes longer than UPLOAD_AUDIO_DECODE_SECONDS to decode is stopped and refused, leaving nothing", async () => {
      const started = Date.now();
      const answer = await upload(form([{ bytes: twentyMinutes, name: "long.mp3" }]), {}, slow.baseUrl, slow.auth);
      const took = Date.now() - started;
      assert.equal(answer.status, 422, JSON.stringify(answer.json));
      assert.equal(
        answer.json.error.message,
        "The MP3 file took longer than 3 seconds to decode, so it was not kept; try a shorter or simpler file.",
      );
      assert.ok(took < 8000, `answered in ${took} ms`);
      assert.deepEqual(ffmpegChildren(slow.pid), [], "the decoder was killed");
      assert.deepEqual(leftovers(), { rows: 0, files: [] });
    });

    it("a sender who hangs up while the sound is decoding stops the decoder, and nothing is kept", async () => {
      const encoded = new Response(form([{ bytes: twentyMinutes, name: "long.mp3" }]));
      const body = Buffer.from(await encoded.arrayBuffer());
      const req = http.request(`${slow.baseUrl}/api/uploads`, {
        method: "POST",
        headers: { ...slow.auth, "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length) },
      });
      req.on("error", () => undefined);
      req.end(body);
      await waitFor("the decoder starting", () => ffmpegChildren(slow.pid).length > 0, 5000);
      const hungUp = Date.now();
      req.destroy();
      await waitFor("the decoder stopping", () => ffmpegChildren(slow.pid).length === 0, 5000);
      const stoppedAfter = Date.now() - hungUp;
      assert.ok(stoppedAfter < 1000, `the decoder ran on for ${stoppedAfter} ms after the sender left`);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(leftovers(), { rows: 0, files: [] });
      assert.doesNotMatch(slow.logs(), /"level":"error"/);
    });
  });
});
