# One image for every AWARE service; docker-compose.yml picks the entry point per container.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# V8 flags of every service (platform/node-flags.ts)
ENV NODE_OPTIONS="--max-semi-space-size=64"
# Workspace manifests first, so `npm ci` is cached until a dependency changes.
COPY package.json package-lock.json .npmrc ./
# patch-package applies patches/ during npm ci (postinstall)
COPY patches/ patches/
COPY protocol/package.json protocol/
COPY db/package.json db/
COPY broker/package.json broker/
COPY ingest/package.json ingest/
COPY dispatch/package.json dispatch/
COPY casework/package.json casework/
COPY dashboard/package.json dashboard/
COPY firmware-sim/package.json firmware-sim/
# tsx (a devDependency) runs the TypeScript sources, so devDependencies are installed too.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
# The console is served as built assets.
RUN npm run build -w dashboard
RUN mkdir -p /var/lib/aware/dispatch && chown -R node:node /var/lib/aware
USER node
CMD ["npx", "tsx", "platform/main.ts"]
