import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { adoptBuiltNextConfig } from "@/lib/deploy/built-next-config";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "storyreel-standalone-"));

describe("the built Next configuration", () => {
  it("is read from the build's required-server-files.json, as Next's own standalone server does", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, ".next"));
    const config = { output: "standalone", distDir: ".next", poweredByHeader: false };
    fs.writeFileSync(path.join(dir, ".next", "required-server-files.json"), JSON.stringify({ version: 1, config }));
    const before = process.env.__NEXT_PRIVATE_STANDALONE_CONFIG;
    try {
      adoptBuiltNextConfig(dir);
      assert.deepEqual(JSON.parse(process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ?? "null"), config);
    } finally {
      if (before === undefined) delete process.env.__NEXT_PRIVATE_STANDALONE_CONFIG;
      else process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = before;
    }
  });

  it("says to build first when there is no build", () => {
    assert.throws(() => adoptBuiltNextConfig(tempDir()), /The app is not built: run `npm run build` first\./);
  });
});

describe("lib/cli/build-standalone.ts", () => {
  it("stops with a sentence when next build has not made .next/standalone", () => {
    // tsx by its path: the temporary folder has no node_modules to find it in.
    const tsx = pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href;
    const run = spawnSync(process.execPath, ["--import", tsx, path.resolve("lib/cli/build-standalone.ts")], {
      cwd: tempDir(),
      env: { ...process.env, TSX_TSCONFIG_PATH: path.resolve("tsconfig.json") },
      encoding: "utf8",
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^storyreel: \.next\/standalone is missing: run `next build` first/m);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  });
});
