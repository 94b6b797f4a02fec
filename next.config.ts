import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native binaries and packages that locate files on disk at run time stay outside the bundle.
  serverExternalPackages: [
    "sharp",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@ffmpeg-installer/ffmpeg",
    "@ffprobe-installer/ffprobe",
    // Loaded by Node, not bundled: one copy in the process the Node server and Next share.
    "pino",
    "prom-client",
  ],
  poweredByHeader: false,
  // .next/standalone: what runs the app without the project; lib/cli/build-standalone.ts completes it.
  output: "standalone",
  // This folder, not a parent with a lockfile of its own: server.js then sits at .next/standalone/server.js.
  outputFileTracingRoot: __dirname,
  // .map files beside the server chunks: c8 maps the server's coverage back to app/, components/ and lib/.
  experimental: { serverSourceMaps: true },
};

export default nextConfig;
