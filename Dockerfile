# One multi-stage image recipe for every service: docker build --build-arg SERVICE=user-service .
# The services share the libs and the lockfile, so one recipe keeps their images built the same way.
ARG NODE_VERSION=20.19-bookworm-slim

FROM node:${NODE_VERSION} AS build
WORKDIR /repo
COPY package.json package-lock.json ./
COPY libs/ libs/
COPY services/ services/
# npm install from the lockfile (see scripts/lib.sh for why not npm ci).
RUN npm install --no-audit --no-fund
COPY tsconfig.base.json .swcrc.base.json ./
COPY scripts/ scripts/
ARG SERVICE
RUN test -n "${SERVICE}" && node scripts/build.mjs "services/${SERVICE}" && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /repo/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/dist ./dist
ARG SERVICE
ENV SERVICE=${SERVICE}
USER node
EXPOSE 3001-3008
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node dist/services/${SERVICE}/src/main.js"]
