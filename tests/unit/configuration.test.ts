import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { resolveModels } from "@/lib/backends/replicate/configured-models";
import { CLIP_MODELS } from "@/lib/backends/replicate/model-table";

/** Reads the configuration in a fresh process, as the server and the worker do at start-up. */
function configIn(env: Record<string, string>, expression: string): { ok: boolean; out: string } {
  const script = `const { getEnv } = require("@/lib/env"); const { assertBackendConfigured } = require("@/lib/backends"); console.log(JSON.stringify(${expression}));`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    env: { ...process.env, DATA_DIR: "/tmp/storyreel-config-test", ...env },
    encoding: "utf8",
  });
  return { ok: result.status === 0, out: (result.stdout + result.stderr).trim() };
}

describe("configuration", () => {
  it("reads RUN_WORKER and LOG_LEVEL through the validated module, so 0 and false mean what they say", () => {
    assert.equal(configIn({ RUN_WORKER: "0" }, "getEnv().RUN_WORKER").out, "false");
    assert.equal(configIn({ RUN_WORKER: "false" }, "getEnv().RUN_WORKER").out, "false");
    assert.equal(configIn({}, "getEnv().RUN_WORKER").out, "true");
    assert.equal(configIn({ LOG_LEVEL: "warn" }, "getEnv().LOG_LEVEL").out, '"warn"');
    const bad = configIn({ RUN_WORKER: "maybe" }, "getEnv().RUN_WORKER");
    assert.equal(bad.ok, false);
    assert.match(bad.out, /Invalid environment configuration: RUN_WORKER/);
  });

  it("wants https for webhooks unless the server is this machine", () => {
    const hook = { REPLICATE_WEBHOOK_SECRET: "whsec_c2VjcmV0", PUBLIC_BASE_URL: "http://studio.example.com" };
    const refused = configIn(hook, "getEnv().PUBLIC_BASE_URL");
    assert.equal(refused.ok, false);
    assert.match(refused.out, /PUBLIC_BASE_URL must be https/);
    assert.equal(
      configIn({ ...hook, PUBLIC_BASE_URL: "https://studio.example.com" }, "getEnv().PUBLIC_BASE_URL").out,
      '"https://studio.example.com"',
    );
    assert.equal(
      configIn({ ...hook, PUBLIC_BASE_URL: "http://127.0.0.1:3000" }, "getEnv().PUBLIC_BASE_URL").out,
      '"http://127.0.0.1:3000"',
    );
  });

  it("takes outputs from Replicate's delivery hosts unless told otherwise, and refuses a list that is not host names", () => {
    assert.equal(configIn({}, "getEnv().REPLICATE_OUTPUT_HOSTS").out, '["replicate.delivery","*.replicate.delivery"]');
    assert.equal(
      configIn({ REPLICATE_OUTPUT_HOSTS: " Files.Example.com, http://127.0.0.1 " }, "getEnv().REPLICATE_OUTPUT_HOSTS").out,
      '["files.example.com","http://127.0.0.1"]',
    );
    for (const bad of ["*", "https://files.example.com/path", "files.example.com:8443", " , "]) {
      const result = configIn({ REPLICATE_OUTPUT_HOSTS: bad }, "getEnv().REPLICATE_OUTPUT_HOSTS");
      assert.equal(result.ok, false, bad);
      assert.match(result.out, /Invalid environment configuration: REPLICATE_OUTPUT_HOSTS/, bad);
    }
  });

  it("stops start-up on a Replicate model the table does not know, naming the variable and the choices", () => {
    const env = { GENERATION_BACKEND: "replicate", REPLICATE_API_TOKEN: "r8_x", REPLICATE_CLIP_MODEL: "acme/imaginary" };
    const result = configIn(env, "(assertBackendConfigured(), 'started')");
    assert.equal(result.ok, false);
    assert.match(result.out, /REPLICATE_CLIP_MODEL: "acme\/imaginary" is not a model Storyreel knows/);
    assert.match(result.out, new RegExp(Object.keys(CLIP_MODELS).join(", ").replace(/[./]/g, "\\$&")));
    assert.equal(
      configIn({ ...env, REPLICATE_CLIP_MODEL: "kwaivgi/kling-v2.1" }, "(assertBackendConfigured(), 'started')").out,
      '"started"',
    );
  });

  it("still reads GENERATION_PROVIDER, the earlier name of GENERATION_BACKEND", () => {
    assert.equal(
      configIn({ GENERATION_PROVIDER: "replicate", REPLICATE_API_TOKEN: "r8_x" }, "getEnv().backend").out,
      '"replicate"',
    );
    assert.equal(configIn({ GENERATION_PROVIDER: "replicate", GENERATION_BACKEND: "local" }, "getEnv().backend").out, '"local"');
    const missing = configIn({ GENERATION_PROVIDER: "replicate" }, "getEnv().backend");
    assert.equal(missing.ok, false);
    assert.match(missing.out, /GENERATION_PROVIDER=replicate needs REPLICATE_API_TOKEN/);
  });

  it("resolves a job's stored model names to their table entries", () => {
    const models = resolveModels({
      writer: "meta/meta-llama-3-8b-instruct",
      still: "black-forest-labs/flux-schnell",
      clip: "kwaivgi/kling-v2.1",
    });
    assert.equal(models.clip, CLIP_MODELS["kwaivgi/kling-v2.1"]);
    assert.throws(
      () => resolveModels({ ...{ writer: "x/y", still: "black-forest-labs/flux-schnell", clip: "kwaivgi/kling-v2.1" } }),
      /REPLICATE_WRITER_MODEL/,
    );
  });
});
