# Countersign in a container: a multi-stage build of the Next.js standalone output, run as a
# non-root user. PostgreSQL (DATABASE_URL) is the production database; see compose.yaml.
# Build: docker build -t countersign .   Run: docker compose up (README, "Docker").

ARG NODE_VERSION=20.20

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies are needed to build; the runtime image gets only the traced standalone output.
RUN npm ci --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PGLITE_DIR=/app/.data/pglite
RUN groupadd --system --gid 1001 countersign \
 && useradd --system --uid 1001 --gid countersign --home-dir /app --no-create-home countersign \
 && mkdir -p /app/.data \
 && chown countersign:countersign /app/.data
# server.js with the traced node_modules and the drizzle migrations (next.config.mjs); static assets
# and public files are not part of the trace and are copied beside it.
COPY --from=build --chown=countersign:countersign /app/.next/standalone ./
COPY --from=build --chown=countersign:countersign /app/.next/static ./.next/static
COPY --from=build --chown=countersign:countersign /app/public ./public
USER countersign
EXPOSE 3000
# Without DATABASE_URL the embedded PGlite database lives here: mount a volume to keep it.
VOLUME ["/app/.data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
