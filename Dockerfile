# syntax=docker/dockerfile:1
# Storyreel as one image: the standalone server that `npm run build` makes (.next/standalone), on Node 20, the
# line the tests run on. `docker build -t storyreel .`, then see docker-compose.yml and fly.toml.

# ---- build: every dependency, then `next build` and lib/cli/build-standalone.ts ----
FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The install's own layer, kept while only sources change (postinstall runs prisma generate with this config).
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
COPY lib/env/database-url.ts ./lib/env/database-url.ts
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

# ---- run: Node, espeak-ng for narration, and the standalone folder; nothing from the build's node_modules ----
FROM node:20-bookworm-slim AS run
# tini reaps the ffmpeg and espeak-ng children and passes SIGTERM on; espeak-ng speaks narration offline.
RUN apt-get update \
  && apt-get install -y --no-install-recommends espeak-ng tini \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data \
  && chown node:node /data
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  HOST=0.0.0.0 \
  PORT=3000 \
  DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the server: only DATA_DIR is written.
COPY --from=build /src/.next/standalone ./
USER node
# The SQLite database, its WAL and every stored still, clip, sound and video.
VOLUME ["/data"]
EXPOSE 3000
# Liveness: the process answers. Readiness (database migrated, storage writable, ffmpeg runs) is /api/health?ready=1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# server.js applies pending migrations to DATA_DIR's database before it listens (lib/cli/serve.ts), so every start
# of a new image migrates; the worker (`node storyreel/worker.js`) does the same, safely at the same time.
CMD ["node", "server.js"]
