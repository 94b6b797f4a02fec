import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { STANDALONE_COMMANDS } from "@/lib/deploy/standalone-layout";
import { imageProblems, syntaxProblems } from "../helpers/dockerfile-rules";

// No container engine runs here: these read the deployment files as text and hold them to what the app needs.
const DOCKERFILE = fs.readFileSync("Dockerfile", "utf8");
const NODE_MAJOR = Number(process.versions.node.split(".")[0]);
const EXPECT = { nodeMajor: NODE_MAJOR, systemPackages: ["espeak-ng", "tini"] };
const DATA_DIR = /DATA_DIR=(\S+)/.exec(DOCKERFILE)?.[1];
const semver = createRequire(import.meta.url)("next/dist/compiled/semver") as {
  satisfies: (version: string, range: string) => boolean;
  minVersion: (range: string) => { version: string };
};

const commandFile = (argv: string[]) => {
  const [program, file, ...rest] = argv;
  assert.equal(program, "node");
  const name = /^storyreel\/(\w+)\.js$/.exec(file ?? "")?.[1];
  assert.ok(name && (STANDALONE_COMMANDS as readonly string[]).includes(name), `${file} is one of the bundled commands`);
  return { name, rest };
};

describe("the Dockerfile", () => {
  it("passes the Docker language server's validator with every check an error", () => {
    assert.deepEqual(syntaxProblems(DOCKERFILE), []);
  });

  it("is multi-stage on Node of the tests' line, slim, non-root, with a health check, a data volume and espeak-ng", () => {
    assert.deepEqual(imageProblems(DOCKERFILE, EXPECT), []);
    assert.equal(DATA_DIR, "/data");
  });

  it("the validator catches a broken file", () => {
    assert.match(syntaxProblems("FROM node:20-slim AS run\nEXPOSE port\nWORKDIR app\n").join("\n"), /line 2: .*port/);
  });

  const broken: [string, (file: string) => string, RegExp][] = [
    ["one stage", (f) => f.slice(f.indexOf("FROM node:20-bookworm-slim AS run")), /not multi-stage/],
    ["another Node line", (f) => f.replaceAll("node:20-bookworm-slim", "node:22-bookworm-slim"), /is not Node 20/],
    ["an unpinned base", (f) => f.replace("node:20-bookworm-slim AS build", "node AS build"), /not pinned/],
    ["a full image", (f) => f.replaceAll("node:20-bookworm-slim", "node:20-bookworm"), /not a slim image/],
    ["root", (f) => f.replace("USER node", "USER root"), /runs as root/],
    ["no espeak-ng", (f) => f.replace("espeak-ng tini", "tini"), /does not install espeak-ng/],
    ["recommends", (f) => f.replace("--no-install-recommends espeak-ng", "espeak-ng"), /DL3015/],
    ["apt lists kept", (f) => f.replace(/&& rm -rf \/var\/lib\/apt\/lists\/\* \\\n {2}&& mkdir/, "&& mkdir"), /DL3009/],
    ["no volume", (f) => f.replace('VOLUME ["/data"]', 'VOLUME ["/tmp"]'), /is not a VOLUME/],
    ["no DATA_DIR", (f) => f.replace("DATA_DIR=/data", "OTHER=/data"), /does not set DATA_DIR/],
    ["no health check", (f) => f.replace("/api/health'", "/'"), /No HEALTHCHECK/],
    ["shell-form CMD", (f) => f.replace('CMD ["node", "server.js"]', "CMD node server.js"), /DL3025/],
    ["another command", (f) => f.replace('CMD ["node", "server.js"]', 'CMD ["node", "main.js"]'), /does not start server.js/],
    ["node_modules copied", (f) => f.replace("/src/.next/standalone ./", "/src/node_modules ./node_modules"), /node_modules/],
    ["ADD", (f) => f.replace("COPY . .", "ADD . ."), /DL3020/],
  ];
  for (const [what, edit, problem] of broken) {
    it(`refuses a Dockerfile with ${what}`, () => {
      const edited = edit(DOCKERFILE);
      assert.notEqual(edited, DOCKERFILE, "the edit applies");
      assert.match(imageProblems(edited, EXPECT).join("\n"), problem);
    });
  }
});

describe("docker-compose.yml", () => {
  const compose = parseYaml(fs.readFileSync("docker-compose.yml", "utf8"), { merge: true }) as {
    services: Record<
      string,
      { command?: string[]; environment?: Record<string, string>; volumes?: string[]; healthcheck?: unknown }
    >;
    volumes: Record<string, unknown>;
  };
  const { web, worker } = compose.services;

  it("runs the web server and a worker from the image, on one named volume at DATA_DIR", () => {
    assert.ok(web && worker);
    assert.equal(web.command, undefined, "web runs the image's CMD (node server.js)");
    assert.equal(commandFile(worker.command ?? []).name, "worker");
    for (const service of [web, worker]) {
      assert.deepEqual(service.volumes, [`storyreel-data:${DATA_DIR}`]);
      assert.equal(service.environment?.DATA_DIR, DATA_DIR);
    }
    assert.ok("storyreel-data" in compose.volumes);
  });

  it("leaves the jobs to the worker, which has no HTTP port to check, and sets no empty values", () => {
    assert.equal(web?.environment?.RUN_WORKER, "false");
    assert.deepEqual(worker?.healthcheck, { disable: true });
    for (const service of [web, worker])
      for (const [name, value] of Object.entries(service?.environment ?? {}))
        assert.notEqual(String(value), "", `${name} is empty, which the settings refuse`);
  });
});

describe("fly.toml", () => {
  const fly = parseToml(fs.readFileSync("fly.toml", "utf8")) as {
    env: Record<string, string>;
    deploy: { release_command: string };
    mounts: { source: string; destination: string }[];
    http_service: { internal_port: number; checks: { path: string; headers?: Record<string, string> }[] };
  };

  it("mounts a volume at DATA_DIR and serves the port the image listens on", () => {
    assert.equal(fly.mounts.length, 1, "a Fly Machine mounts one volume");
    assert.equal(fly.mounts[0]?.destination, DATA_DIR);
    assert.equal(fly.env.DATA_DIR, DATA_DIR);
    assert.equal(String(fly.http_service.internal_port), fly.env.PORT);
    assert.match(DOCKERFILE, new RegExp(`EXPOSE ${fly.env.PORT}\\b`));
  });

  it("checks readiness under a host the guard answers to, and its release command checks the migrations", () => {
    assert.deepEqual(
      fly.http_service.checks.map((c) => c.path),
      ["/api/health?ready=1"],
    );
    assert.equal(fly.http_service.checks[0]?.headers?.Host, "localhost");
    const release = commandFile(fly.deploy.release_command.split(" "));
    assert.deepEqual(release, { name: "migrate", rest: ["--check"] });
  });
});

describe("engines", () => {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { engines: { node: string } };
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const lowest = semver.minVersion(pkg.engines.node).version;

  it("the Node running the tests is one the project declares, and the image is of its line", () => {
    assert.ok(semver.satisfies(process.versions.node, pkg.engines.node), `${process.versions.node} vs ${pkg.engines.node}`);
    assert.ok(semver.satisfies(`${NODE_MAJOR}.99.0`, pkg.engines.node));
  });

  it(`every installed package runs on the oldest Node declared (${lowest}) and on this one`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, info]) => name && info.engines && !Array.isArray(info.engines) && info.engines.node)
      .filter(([, info]) => {
        const range = (info.engines as { node: string }).node;
        return !semver.satisfies(lowest, range) || !semver.satisfies(process.versions.node, range);
      })
      .map(([name, info]) => `${name}@${info.version} wants Node ${(info.engines as { node: string }).node}`);
    assert.deepEqual(refusing, []);
  });
});
