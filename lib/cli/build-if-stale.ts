// Runs `next build` only when the sources are newer than the last build, so `npm start` stays one command.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_JS, STANDALONE_DIR } from "@/lib/deploy/standalone-layout";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "instrumentation.ts",
];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((max, name) => (SKIP.has(name) ? max : Math.max(max, newestMtime(path.join(entry, name)))), stat.mtimeMs);
}

const buildId = path.join(".next", "BUILD_ID");
// A build is whole once lib/cli/build-standalone.ts has written its server.js, the last thing `npm run build` does.
const serverJs = path.join(STANDALONE_DIR, "server.js");
const standaloneDone = fs.existsSync(serverJs) && fs.readFileSync(serverJs, "utf8") === SERVER_JS;
const builtAt =
  fs.existsSync(buildId) && standaloneDone ? Math.min(fs.statSync(buildId).mtimeMs, fs.statSync(serverJs).mtimeMs) : 0;
const changedAt = Math.max(...SOURCES.map(newestMtime));
if (builtAt > changedAt) {
  console.log("storyreel: build is up to date");
} else {
  console.log("storyreel: building the app (first start or sources changed)…");
  const result = spawnSync("npm", ["run", "--silent", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  process.exit(result.status ?? 1);
}
