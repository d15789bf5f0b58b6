# syntax=docker/dockerfile:1
# One image for the apps; the command picks the app:
#   docker run marketstream dist/apps/gateway/src/main.js      (producer, orderbook, aggregator,
#   simulator alike)
# Build:  docker build -t marketstream .

# --- build: every dependency, compile TypeScript to dist/ -----------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the build or the apps need has one (only jest's file watcher and
# swagger-ui's analytics do; esbuild's only checks its binary, which it finds without it), and the
# slim image has no compiler for node-gyp.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# --- production dependencies only ------------------------------------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only to the app: it runs as `node` (uid 1000) and writes nothing here, so
# Kubernetes can mount the root filesystem read-only.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Node is PID 1 and handles SIGTERM itself (Nest shutdown hooks, a 10 s deadline), so no init is needed.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node"]
CMD ["dist/apps/gateway/src/main.js"]
