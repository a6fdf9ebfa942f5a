# syntax=docker/dockerfile:1
# Multi-stage: production dependencies (native SQLite module compiled here), the TypeScript
# build, then a slim runtime image running as the unprivileged `node` user.

FROM node:24-slim AS deps
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary can be fetched: a toolchain, and
# Node's headers (from the image, else from the npm package of this very Node version, so that
# node-gyp never has to download them).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN if [ ! -f /usr/local/include/node/node.h ]; then \
      cd /tmp && pkg="node-linux-$(node -p process.arch)@$(node -p process.versions.node)" && \
      npm pack --silent "$pkg" && tar -xzf node-linux-*.tgz -C /usr/local --strip-components=1 package/include && rm node-linux-*.tgz; \
    fi
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Only the compiler and type packages are needed here: no install scripts, no native build.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY scripts scripts
RUN npx tsc -p tsconfig.build.json && date > dist/.build-stamp
# The studio page (React, bundled by esbuild into dist/studio: index.html and hashed assets).
COPY studio studio
RUN node scripts/build-studio.js
# The journey's YAML and the studio's texts, parsed once here: a start reads their values (src/flow/yamlValues.ts).
COPY dialogs dialogs
RUN node scripts/build-yaml-values.js

FROM node:24-slim
# Secure by default: production requires the Bot Framework credentials (started with nothing but a
# port, the server refuses to start); a local trial passes -e NODE_ENV=development (README, Docker).
# A container listens on its own interface, or -p could not reach it.
ENV PORT=3978 DATA_DIR=/app/data NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY scripts/build-if-needed.js scripts/build-if-needed.js
COPY dialogs dialogs
COPY cards cards
COPY public public
# The studio's interface texts (its sign-in pages among them): read at start. Its page is in dist/studio.
COPY studio/texts.yaml studio/texts.yaml
# Web Chat: only its bundle (and licence notice) from the build stage; the npm package is ~490 MB.
# The server looks in node_modules first, then in vendor/ (src/web/webchatBundle.ts).
COPY --from=build /app/node_modules/botframework-webchat/dist/webchat.js /app/node_modules/botframework-webchat/dist/webchat.js.LICENSE.txt vendor/
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# V8's old generation capped: the live heap is ~115 MB and flat, but uncapped V8 lets garbage pile up
# to 3-4x that between full collections. The young generation may grow to 32 MB semi-spaces (16 by
# default): a turn's short-lived objects die there, with half the scavenges (README, Performance).
# `npm run bench` runs the bot with these options. Override NODE_OPTIONS to change them.
ENV NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=32"
CMD ["node", "dist/src/index.js"]
