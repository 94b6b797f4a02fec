// `npm run build`, after `next build`: turns Next's `.next/standalone` into a folder that runs Storyreel with
// `node server.js` and nothing else installed. Next's own server.js would skip lib/server (the guard, the
// streamed uploads, imports and media), so the commands are bundled beside it and server.js starts serve.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import {
  CARRIED_PATHS,
  COMMANDS_DIR,
  EXECUTABLES,
  PRUNED_PATHS,
  RUNTIME_PACKAGES,
  SERVER_JS,
  SOURCE_DIRS,
  STANDALONE_COMMANDS,
  STANDALONE_DIR,
} from "@/lib/deploy/standalone-layout";

interface FileTrace {
  fileList: Set<string>;
}
type NodeFileTrace = (
  files: string[],
  options: { base: string; processCwd: string; ignore: (file: string) => boolean },
) => Promise<FileTrace>;

// Next's own trace has already put these in (its server.js requires next too); tracing them again would add 100 MB.
const TRACED_BY_NEXT = ["next", "react", "react-dom", "styled-jsx", "@swc/helpers", "@next/env", "caniuse-lite"];

const root = process.cwd();
const standalone = path.join(root, STANDALONE_DIR);

// Bundled outside the standalone folder, so tracing resolves packages in the project's node_modules, whole, and not
// in Next's partial copies of them.
const bundleDir = path.join(root, ".next", "storyreel-commands");

async function bundleCommands(): Promise<string[]> {
  const outdir = bundleDir;
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: STANDALONE_COMMANDS.map((name) => ({ in: `lib/cli/${name}.ts`, out: name })),
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    tsconfig: "tsconfig.json",
    external: RUNTIME_PACKAGES.flatMap((name) => [name, `${name}/*`]),
    // The generated Prisma client is ESM and asks import.meta.url for its own folder.
    define: { "import.meta.url": "__storyreelModuleUrl" },
    banner: { js: 'const __storyreelModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
  });
  return STANDALONE_COMMANDS.map((name) => path.join(outdir, `${name}.js`));
}

/** Every file the bundles load from node_modules, found the way Next finds its own (its copy of @vercel/nft). */
async function traceRuntimeFiles(bundles: string[]): Promise<string[]> {
  const { nodeFileTrace } = createRequire(path.join(root, "package.json"))("next/dist/compiled/@vercel/nft") as {
    nodeFileTrace: NodeFileTrace;
  };
  const ignore = (file: string) => TRACED_BY_NEXT.some((name) => file.startsWith(`node_modules/${name}/`));
  const { fileList } = await nodeFileTrace(bundles, { base: root, processCwd: standalone, ignore });
  return [...fileList].filter((file) => file.startsWith("node_modules/"));
}

function copyInto(relative: string): void {
  const source = path.join(root, relative);
  const target = path.join(standalone, relative);
  if (!fs.existsSync(source)) throw new Error(`${relative} is missing: run npm ci first`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // dereference: the folder is copied elsewhere (a container layer, a test's temp dir) and must stand alone.
  fs.cpSync(source, target, { recursive: true, dereference: true, force: true });
}

/** Executable by anyone: an image copies the folder as root and runs it as another user. */
function openExecutables(): void {
  for (const scope of ["@ffmpeg-installer", "@ffprobe-installer"]) {
    const dir = path.join(standalone, "node_modules", scope);
    for (const pkg of fs.readdirSync(dir))
      for (const name of fs.readdirSync(path.join(dir, pkg)))
        if (EXECUTABLES.test(`node_modules/${scope}/${pkg}/${name}`)) fs.chmodSync(path.join(dir, pkg, name), 0o755);
  }
}

function pruneUnused(): void {
  const runtime = "node_modules/@prisma/client/runtime";
  const dir = path.join(standalone, runtime);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) if (PRUNED_PATHS.test(`${runtime}/${name}`)) fs.rmSync(path.join(dir, name));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(standalone, ".next", "BUILD_ID"))) {
    throw new Error(`${STANDALONE_DIR} is missing: run \`next build\` first (next.config.ts sets output: "standalone").`);
  }
  const bundles = await bundleCommands();
  const traced = await traceRuntimeFiles(bundles);
  for (const file of traced) if (!fs.existsSync(path.join(standalone, file))) copyInto(file);
  for (const carried of CARRIED_PATHS) copyInto(carried);
  fs.rmSync(path.join(standalone, COMMANDS_DIR), { recursive: true, force: true });
  fs.cpSync(bundleDir, path.join(standalone, COMMANDS_DIR), { recursive: true });
  // Next leaves the browser's files out of standalone on purpose (a CDN may serve them); this server serves them.
  fs.cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true, force: true });
  pruneUnused();
  openExecutables();
  // A file system call on a computed path makes Next trace the whole project (Turbopack warns of some, not all);
  // the server runs the compiled chunks in .next/server and never these sources.
  for (const dir of SOURCE_DIRS) fs.rmSync(path.join(standalone, dir), { recursive: true, force: true });
  const missing = RUNTIME_PACKAGES.filter((name) => !fs.existsSync(path.join(standalone, "node_modules", name, "package.json")));
  if (missing.length > 0) throw new Error(`the standalone folder lacks ${missing.join(", ")}, which the commands load`);
  fs.writeFileSync(path.join(standalone, "server.js"), SERVER_JS);
  console.log(`storyreel: ${STANDALONE_DIR} is ready (node ${STANDALONE_DIR}/server.js); ${traced.length} runtime files traced`);
}

main().catch((error: unknown) => {
  console.error(`storyreel: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
