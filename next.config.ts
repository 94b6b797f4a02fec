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
};

export default nextConfig;
