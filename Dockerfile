# The Centre's CMS server (centar cms --users) as a container image: centar
# built static, and Decap CMS from the npm lockfile, on a distroless base
# with no shell and no Node, run as a user without rights. The site's clone
# and the accounts file live on volumes. How to run it: README, "CMS сервер
# Центра / The Centre's CMS server".

FROM golang:1.26.8-bookworm AS centar
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/centar ./cmd/centar \
 && mkdir -p /out/empty

FROM node:22-bookworm-slim AS decap
WORKDIR /src
COPY package.json package-lock.json ./
# Only the scripts centar serves (decap-cms.js and its parts), not the
# source maps and the other bundle beside them: 6 MB of 66.
RUN npm ci --omit=dev --no-audit --no-fund \
 && mkdir /out && cp node_modules/decap-cms/dist/*decap-cms.js /out/

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=centar /out/centar /usr/local/bin/centar
COPY --from=decap /out /opt/decap
# The volumes' folders, the user's own, so that new volumes are too.
COPY --from=centar --chown=65532:65532 /out/empty /srv/sajt
COPY --from=centar --chown=65532:65532 /out/empty /var/lib/centar
ENV CENTAR_DECAP=/opt/decap
VOLUME ["/srv/sajt", "/var/lib/centar"]
USER nonroot
EXPOSE 8443
# TLS is the server's own: add --acme DOMAIN (the certificate is kept in
# /var/lib/centar/acme), or --tls-cert and --tls-key of mounted files.
ENTRYPOINT ["centar", "cms", "--source", "/srv/sajt", "--users", "/var/lib/centar/users.json", "--listen", ":8443"]
