# syntax=docker/dockerfile:1
# Build: docker build -t tiendo .
# Run:   docker run -p 8080:8080 -v tiendo-data:/data -e TIENDO_ADMIN_TOKEN=change-me tiendo
#
# Stage 1 builds the release binary with the Swift 6 toolchain (Debian 12, like production).
ARG SWIFT_IMAGE=swift:6.1-bookworm
FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.swift first so the dependency-free manifest resolves in its own layer.
COPY Package.swift ./
COPY Sources ./Sources
# The Swift runtime and Foundation are linked statically: the runtime image needs only libc and libsqlite3.
RUN swift build -c release --product tiendo --static-swift-stdlib \
 && install -D "$(swift build -c release --show-bin-path)/tiendo" /out/tiendo

# Stage 2: a slim Debian with the system SQLite library and nothing else of note.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-0 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin tiendo \
 && mkdir -p /data /app \
 && chown tiendo:tiendo /data
COPY --from=build /out/tiendo /usr/local/bin/tiendo
# The schema lives in numbered SQL files; the server applies pending ones at start.
COPY migrations /app/migrations
WORKDIR /app
ENV TIENDO_HOST=0.0.0.0 \
    TIENDO_PORT=8080 \
    TIENDO_DB=/data/tiendo.sqlite \
    TIENDO_MIGRATIONS=/app/migrations
VOLUME ["/data"]
USER tiendo
EXPOSE 8080
# `tiendo healthcheck` is a tiny HTTP GET of /health over loopback: no curl in the image.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["tiendo", "healthcheck"]
ENTRYPOINT ["tiendo"]
CMD ["serve"]
