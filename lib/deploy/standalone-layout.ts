// What `.next/standalone` holds beyond what Next traces for its own routes (lib/cli/build-standalone.ts makes it).

/** The operator commands, bundled into `storyreel/<name>.js`; `server.js` starts `serve`. */
export const STANDALONE_COMMANDS = ["serve", "worker", "migrate", "user", "token", "generate"] as const;

export const STANDALONE_DIR = ".next/standalone";
export const COMMANDS_DIR = "storyreel";

/**
 * Loaded from node_modules at run time rather than bundled: native code, or packages that find their own files
 * on disk (the ffmpeg/ffprobe binaries, Prisma's query compiler, Next itself).
 */
export const RUNTIME_PACKAGES = [
  "next",
  "react",
  "react-dom",
  "sharp",
  "better-sqlite3",
  "@prisma/client",
  "@prisma/adapter-better-sqlite3",
  "@ffmpeg-installer/ffmpeg",
  "@ffprobe-installer/ffprobe",
];

/**
 * Files found by a computed path, which no tracer can follow: copied as they are (relative to the project, globs
 * not needed). The platform packages of the ffmpeg/ffprobe installers are whichever npm installed for this machine.
 */
export const CARRIED_PATHS = [
  "prisma/migrations",
  "public",
  "node_modules/@ffmpeg-installer",
  "node_modules/@ffprobe-installer",
  "node_modules/dejavu-fonts-ttf/package.json",
  "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
  "node_modules/dejavu-fonts-ttf/LICENSE",
  // The local illustrator's drawings and their keywords (lib/subjects/emoji-set.ts reads them from disk).
  "node_modules/@iconify-json/fluent-emoji-flat/package.json",
  "node_modules/@iconify-json/fluent-emoji-flat/icons.json",
  "node_modules/@iconify-json/fluent-emoji-flat/chars.json",
  "node_modules/@iconify-json/fluent-emoji-flat/metadata.json",
  "node_modules/@iconify-json/fluent-emoji-flat/info.json",
  "node_modules/emojilib/package.json",
  "node_modules/emojilib/dist/emoji-en-US.json",
  "node_modules/emojilib/LICENSE",
];

/** The binaries the server runs: the ffprobe installer marks its own executable by its owner only (chmod u+x). */
export const EXECUTABLES = /^node_modules\/@(ffmpeg|ffprobe)-installer\/[^/]+\/(ffmpeg|ffprobe)$/;

/** `node server.js`: the same front server `npm start` runs (lib/cli/serve.ts starting lib/server), from the folder it sits in. */
export const SERVER_JS = `// Made by lib/cli/build-standalone.ts: Storyreel's own server (lib/cli/serve.ts), bundled, in front of Next.
process.env.NODE_ENV = "production";
process.chdir(__dirname);
require("./${COMMANDS_DIR}/serve.js");
`;

/**
 * Traced but never loaded: Prisma's query compilers and engines for the databases this schema does not use (the
 * datasource is SQLite), about 50 MB.
 */
export const PRUNED_PATHS = /^node_modules\/@prisma\/client\/runtime\/.*\.(cockroachdb|mysql|postgresql|sqlserver)\./;

/** Source folders Next's trace may sweep in, which nothing reads at run time: removed from the folder. */
export const SOURCE_DIRS = ["app", "components", "lib", "tests"];
