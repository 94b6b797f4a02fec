import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { listFiles, startApp, type RunningApp } from "../helpers/start-app";

let app: RunningApp;
let stillUrl: string;
let posterUrl: string;

before(async () => {
  app = await startApp();
  const api = apiClient(app.baseUrl, app.token);
  const job = await api.createJob({
    prompt: "A lighthouse on a cliff. The lamp turns at night.",
    sceneCount: 2,
    autoApprove: true,
  });
  const done = await api.waitForStatus(job.id, ["completed"]);
  stillUrl = done.scenes[0]!.stillUrl!;
  posterUrl = done.posterUrl!;
});
after(async () => {
  await app?.stop();
});

const get = (url: string, headers: Record<string, string> = app.auth) => fetch(`${app.baseUrl}${url}`, { headers });

// The first bytes of each container, so the test does not trust the Content-Type alone.
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  avif: (b) => b.subarray(4, 12).toString("latin1") === "ftypavif",
  webp: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

describe("image variants through the media route", () => {
  it("serves a still at each offered format and width, smaller than the original, cached on disk", async () => {
    const original = Buffer.from(await (await get(stillUrl)).arrayBuffer());
    for (const [fmt, mime] of [
      ["avif", "image/avif"],
      ["webp", "image/webp"],
      ["jpeg", "image/jpeg"],
    ] as const) {
      const res = await get(`${stillUrl}?w=320&fmt=${fmt}`);
      assert.equal(res.status, 200, fmt);
      assert.equal(res.headers.get("content-type"), mime);
      assert.match(res.headers.get("cache-control") ?? "", /immutable/);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.headers.get("content-length"), String(body.length));
      assert.ok(MAGIC[fmt]!(body), `${fmt} magic bytes`);
      const meta = await sharp(body).metadata();
      assert.equal(meta.width, 320, fmt);
      assert.ok(body.length < original.length / 2, `${fmt}: ${body.length} B against ${original.length} B`);
    }
    const wide = await get(`${posterUrl}?w=960&fmt=webp`);
    assert.equal((await sharp(Buffer.from(await wide.arrayBuffer())).metadata()).width, 960);
    const cached = listFiles(app.dataDir).filter((f) => /\.w\d+\.(avif|webp|jpg)$/.test(f));
    assert.ok(
      cached.some((f) => f.endsWith(".w320.avif")) && cached.some((f) => f.endsWith("poster.w960.webp")),
      cached.join("\n"),
    );
    assert.equal(listFiles(app.dataDir).filter((f) => f.includes(".part")).length, 0);
  });

  it("refuses a width or format outside the list, or one without the other, with 400", async () => {
    for (const query of ["w=321&fmt=webp", "w=640&fmt=gif", "w=640", "fmt=webp", "w=../../x&fmt=webp", "w=640&fmt=WEBP"]) {
      const res = await get(`${stillUrl}?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, "invalid_input");
    }
    const video = stillUrl.replace(/storyboards\/([^/]+)\/.*$/, "videos/$1/final.mp4");
    assert.equal((await get(`${video}?w=640&fmt=webp`)).status, 400);
  });

  it("is another person's 404, and needs a session or token", async () => {
    const bob = await invitePerson(app, { name: "Bob", email: "bob@example.com", password: "bob's own password" });
    const res = await get(`${stillUrl}?w=320&fmt=webp`, { Authorization: `Bearer ${bob}` });
    assert.equal(res.status, 404);
    assert.equal((await get(`${stillUrl}?w=320&fmt=webp`, {})).status, 401);
  });
});
