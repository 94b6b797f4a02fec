import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { apiClient } from "../helpers/api-client";
import { invitePerson } from "../helpers/invite-person";
import { replicateEnv } from "../helpers/replicate-env";
import { startApp, type RunningApp } from "../helpers/start-app";
import { startFakeReplicate, type FakeReplicate } from "../fakes/fake-replicate";
import { probeVideo } from "@/lib/media/probe-video";

// The MCP endpoint driven by the SDK's own client over HTTP, as an assistant holding an API token would.
const TOOLS = [
  "estimate_video",
  "create_video",
  "get_video",
  "list_videos",
  "edit_scene",
  "redraw_scene",
  "approve_storyboard",
  "cancel_video",
  "render_version",
  "export_video",
  "list_uploads",
];

async function connect(app: RunningApp, token: string): Promise<Client> {
  const client = new Client({ name: "storyreel-tests", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${app.baseUrl}/api/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tool answers are read field by field, as JSON
type Answer = CallToolResult & { structuredContent?: Record<string, any> };
const call = (client: Client, name: string, args: Record<string, unknown>, onprogress?: (p: { progress: number }) => void) =>
  client.callTool({ name, arguments: args }, undefined, { onprogress, timeout: 120_000 }) as Promise<Answer>;
const textOf = (answer: Answer) => (answer.content[0] as { text: string }).text;

describe("the MCP endpoint", () => {
  let app: RunningApp;
  let client: Client;
  let otherToken: string;
  before(async () => {
    app = await startApp();
    client = await connect(app, app.token);
    otherToken = await invitePerson(app, { name: "Bea", email: "bea@storyreel.test", password: "bea's long password" });
  });
  after(async () => {
    await client?.close();
    await app?.stop();
  });

  it("asks for a token: none, a wrong one or a browser session is a 401 with the API's error body", async () => {
    const initialize = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${app.baseUrl}/api/mcp`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          origin: app.baseUrl,
          ...headers,
        },
        body: initialize,
      });
    const tries: Record<string, string>[] = [{}, { authorization: "Bearer sr_not_a_token" }, { cookie: app.cookie }];
    for (const headers of tries) {
      const answer = await post(headers);
      assert.equal(answer.status, 401, JSON.stringify(headers));
      const body = (await answer.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, "unauthorized");
    }
    await assert.rejects(connect(app, "sr_not_a_token"), /That API token is not valid/);
    const get = await fetch(`${app.baseUrl}/api/mcp`, { headers: { ...app.auth, accept: "text/event-stream" } });
    assert.equal(get.status, 405, "a stateless server opens no stream");
  });

  it("lists every tool with a description and an input schema", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort());
    for (const tool of tools) {
      assert.ok((tool.description ?? "").length > 40, `${tool.name} says what it does`);
      assert.equal(tool.inputSchema.type, "object");
    }
    const create = tools.find((t) => t.name === "create_video")!;
    assert.ok(JSON.stringify(create.inputSchema).includes("prompt"));
    assert.equal(tools.find((t) => t.name === "get_video")!.annotations?.readOnlyHint, true);
  });

  it(
    "makes a video end to end: estimate, create, review, approve, wait, and the file it links plays",
    { timeout: 300_000 },
    async () => {
      const video = { prompt: "A lighthouse at dusk. A boat comes home.", sceneCount: 2 };
      const estimate = await call(client, "estimate_video", video);
      assert.equal(estimate.isError, undefined, textOf(estimate));
      assert.equal(estimate.structuredContent!.estimate.totalUsd, 0, "the local back end is free");

      const progress: number[] = [];
      const created = await call(client, "create_video", { video, wait_seconds: 50 }, (p) => progress.push(p.progress));
      assert.equal(created.isError, undefined, textOf(created));
      let job = created.structuredContent!.video;
      assert.equal(job.status, "awaiting_approval", "it stops at the storyboard; nothing is approved for the person");
      assert.ok(progress.length >= 1, "progress was reported while it waited");
      assert.equal(job.scenes.length, 2);
      assert.match(job.scenes[0].stillUrl, new RegExp(`^${app.baseUrl}/api/media/`), "links are whole URLs");

      const edited = await call(client, "edit_scene", {
        jobId: job.id,
        sceneId: job.scenes[0].id,
        changes: { caption: "The lamp turns." },
      });
      assert.equal(edited.structuredContent!.video.scenes[0].caption, "The lamp turns.");

      const approved = await call(client, "approve_storyboard", { jobId: job.id, wait_seconds: 50 });
      assert.equal(approved.isError, undefined, textOf(approved));
      job = approved.structuredContent!.video;
      for (let tries = 0; !job.isFinal && tries < 5; tries++) {
        job = (await call(client, "get_video", { jobId: job.id, wait_seconds: 50 })).structuredContent!.video;
      }
      assert.equal(job.status, "completed", job.error ?? "");

      const file = await fetch(job.videoUrl, { headers: app.auth });
      assert.equal(file.status, 200);
      const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-mcp-")), "final.mp4");
      fs.writeFileSync(saved, Buffer.from(await file.arrayBuffer()));
      const probe = await probeVideo(saved);
      assert.equal(probe.codec, "h264");
      assert.ok(probe.durationSec > 1);

      const listed = await call(client, "list_videos", {});
      assert.ok(listed.structuredContent!.jobs.some((j: { id: string }) => j.id === job.id));
      const exported = await call(client, "export_video", { jobId: job.id, export: { version: 1, preset: "square" } });
      assert.equal(exported.isError, undefined, textOf(exported));
      assert.equal(exported.structuredContent!.export.status, "queued");
      const again = await call(client, "export_video", { jobId: job.id, export: { version: 1, preset: "square" } });
      assert.equal(again.structuredContent!.existing, true, "asked twice, made once");

      const other = await connect(app, otherToken);
      try {
        const hidden = await call(other, "get_video", { jobId: job.id });
        assert.equal(hidden.isError, true);
        assert.equal(textOf(hidden), "That job does not exist.");
        const approveOthers = await call(other, "cancel_video", { jobId: job.id });
        assert.equal(textOf(approveOthers), "That job does not exist.");
        assert.deepEqual(
          (await call(other, "list_videos", {})).structuredContent!.jobs,
          [],
          "another person's videos are invisible",
        );
      } finally {
        await other.close();
      }
    },
  );

  it("answers bad input and refusals as tool errors with the API's sentences", async () => {
    const tooMany = await call(client, "create_video", { video: { prompt: "A cat.", sceneCount: 99 } });
    assert.equal(tooMany.isError, true);
    assert.match(textOf(tooMany), /Scene count must be a whole number from \d+ to \d+\./);
    const notAnId = await call(client, "get_video", { jobId: "../../etc/passwd" });
    assert.equal(notAnId.isError, true);
    assert.match(textOf(notAnId), /That is not a job id\./);
    const created = await call(client, "create_video", { video: { prompt: "A quiet pond.", sceneCount: 2 }, wait_seconds: 50 });
    const job = created.structuredContent!.video;
    const early = await call(client, "render_version", { jobId: job.id });
    assert.equal(early.isError, true);
    assert.equal(early.structuredContent!.error.code, "conflict");
    const canceled = await call(client, "cancel_video", { jobId: job.id });
    assert.equal(canceled.structuredContent!.video.status, "canceled");
  });
});

describe("the MCP endpoint on Replicate", () => {
  let fake: FakeReplicate;
  let app: RunningApp;
  before(async () => {
    fake = await startFakeReplicate();
    app = await startApp(replicateEnv(fake));
  });
  after(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("refuses a video past the person's daily limit with the sentence the API gives, and asks Replicate for nothing", async () => {
    const api = apiClient(app.baseUrl, app.token);
    const owner = (await api.request("GET", "/api/users")).json.users[0];
    assert.equal((await api.request("PATCH", `/api/users/${owner.id}`, { dailyBudgetUsd: 0.0001 })).status, 200);
    const client = await connect(app, app.token);
    try {
      const video = { prompt: "A ship sails into a storm.", sceneCount: 2 };
      const estimate = await call(client, "estimate_video", video);
      const refusal = estimate.structuredContent!.budget.refusal as string;
      assert.match(refusal, /daily limit \(set by an admin\)/);
      const refused = await call(client, "create_video", { video });
      assert.equal(refused.isError, true);
      assert.equal(refused.structuredContent!.error.code, "budget_exceeded");
      assert.equal(textOf(refused), refusal);
      assert.equal(fake.creates().length, 0);
    } finally {
      await client.close();
    }
  });
});
