import { execFile } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { JobPage } from "../pages/job-page";
import { NewVideoPage } from "../pages/new-video-page";
import { ffmpegPath } from "@/lib/media/binaries";

// The asset library: choose or drop a file, watch it go up, see it listed with a preview, delete it.
const noise = (width: number, height: number) =>
  sharp(Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 251)), {
    raw: { width, height, channels: 3 },
  })
    .jpeg({ quality: 100 })
    .toBuffer();

test("uploads: chosen with a progress bar, dropped, refused with a sentence, listed with a preview, deleted", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Uploads" }).click();
  await expect(page.getByRole("heading", { name: "Uploads", level: 1 })).toBeVisible();

  // A slow connection (upload throttled), so the bar is seen part-way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 400 * 1024,
  });
  const big = await noise(900, 700);
  await page.getByLabel("Choose a file to upload").setInputFiles({ name: "harbour.jpg", mimeType: "image/jpeg", buffer: big });
  const bar = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByText(/Sending harbour\.jpg: [\d.]+ (KB|MB) of [\d.]+ (KB|MB)/)).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/screenshots/23-upload-progress.png" });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect(page.getByRole("status").filter({ hasText: "harbour.jpg is uploaded." })).toBeVisible({ timeout: 60_000 });
  const card = page.getByRole("listitem").filter({ hasText: "harbour.jpg" });
  await expect(card).toContainText("900 × 700");
  await expect.poll(() => card.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(900);

  // Dropped onto the zone.
  const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.6 } } })
    .png()
    .toBuffer();
  const dropped = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "badge.png", { type: "image/png" }));
    return transfer;
  }, png.toString("base64"));
  await page.getByText("Drop an image or a sound here, or choose a file").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByRole("listitem").filter({ hasText: "badge.png" })).toContainText("40 × 30");

  // A web page named .jpg is refused with what it is.
  await page
    .getByLabel("Choose a file to upload")
    .setInputFiles({ name: "cat.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") });
  await expect(page.getByRole("alert").filter({ hasText: "This file is text" })).toContainText(
    "upload a JPEG, PNG, WebP or AVIF image, or an MP3, WAV, Ogg, M4A or FLAC sound",
  );
  await expect(page.getByTestId("upload-usage")).toContainText(/^2 of \d+ files/);
  await page.screenshot({ path: "tests/artifacts/screenshots/24-uploads-library.png", fullPage: true });

  await card.getByRole("button", { name: "Delete harbour.jpg" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "harbour.jpg" })).toHaveCount(0);
  await expect(page.getByTestId("upload-usage")).toContainText(/^1 of \d+ files/);
});

test("a scene's still can be one of the person's images, picked on the storyboard card", async ({ page, baseURL }) => {
  const created = await page.request.post("/api/jobs", {
    data: { prompt: "A lighthouse at dusk. Its lamp turns on.", sceneCount: 2 },
  });
  const { id } = (await created.json()) as { id: string };
  await expect
    .poll(async () => ((await (await page.request.get(`/api/jobs/${id}`)).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe("awaiting_approval");
  const photo = await sharp({ create: { width: 500, height: 800, channels: 3, background: "#1e64c8" } })
    .jpeg()
    .toBuffer();
  const uploaded = await page.request.post("/api/uploads", {
    headers: { Origin: baseURL! },
    multipart: { file: { name: "lighthouse.jpg", mimeType: "image/jpeg", buffer: photo } },
  });
  expect(uploaded.status()).toBe(201);

  await page.goto(`/jobs/${id}`);
  const card = page.getByRole("listitem", { name: "Scene 1" });
  await card.getByLabel("Uploaded image for scene 1").selectOption({ label: "lighthouse.jpg" });
  await card.getByLabel("How the image fills scene 1").selectOption("blur");
  await card.getByRole("button", { name: "Use for scene 1" }).click();
  await expect(card.getByRole("img", { name: "Storyboard still for scene 1" })).toHaveAttribute("src", /-r1\.jpg(\?|$)/);
  await page.screenshot({ path: "tests/artifacts/screenshots/25-scene-still-from-upload.png", fullPage: true });
});

test("the wizard: narration with a voice, a music bed dropped right there, and the video has both", async ({ page }) => {
  const tone = await new Promise<Buffer>((resolve, reject) => {
    const out = `${process.env.E2E_DATA_DIR ?? "/tmp"}/wizard-bed.wav`;
    execFile(ffmpegPath(), ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-y", out], (error) =>
      error ? reject(error) : resolve(fs.readFileSync(out)),
    );
  });
  await page.goto("/new");
  await page.getByLabel("Speak each caption (narration)").check();
  await page.getByLabel("Voice").selectOption({ label: "British English, high" });
  await page.getByLabel("Choose a file to upload").setInputFiles({ name: "bed.wav", mimeType: "audio/wav", buffer: tone });
  await expect(page.getByRole("status").filter({ hasText: "bed.wav is uploaded." })).toBeVisible();
  // An image dropped in the wizard becomes the reference every still follows.
  const reference = await sharp({ create: { width: 60, height: 40, channels: 3, background: "#c8641e" } })
    .png()
    .toBuffer();
  await page
    .getByLabel("Choose a file to upload")
    .setInputFiles({ name: "palette.png", mimeType: "image/png", buffer: reference });
  await expect(page.getByRole("status").filter({ hasText: "palette.png is uploaded." })).toBeVisible();
  await expect(page.getByLabel("Reference image").locator("option:checked")).toHaveText("palette.png");
  await expect(page.getByLabel("Music bed")).toHaveValue(/^a[0-9a-f]{24}$/);
  await expect(page.getByLabel("Music bed").locator("option:checked")).toHaveText("bed.wav (4 s)");
  await page.screenshot({ path: "tests/artifacts/screenshots/26-wizard-sound.png", fullPage: true });
  await new NewVideoPage(page).create("Rain on the window. A kettle sings.", { scenes: 2 });
  const id = page.url().split("/jobs/")[1]!;
  const job = (await (await page.request.get(`/api/jobs/${id}`)).json()) as { sound: unknown };
  expect(job.sound).toEqual({ voice: "en-gb+f2", music: true, reference: true });
  await new JobPage(page).waitForStoryboard(2);
  await new JobPage(page).approve();
  expect(await new JobPage(page).waitForVideoDuration()).toBeGreaterThan(2);
  await expect(page.getByText(/narrated \(en-gb\+f2\) · music/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Captions (WebVTT)" })).toHaveAttribute("href", `/api/jobs/${id}/captions/vtt`);
});
