# syntax=docker/dockerfile:1
# The docfleet coordinator image (the HTTP API and the background work). Build from the
# repository root:
#   docker build -f deploy/docker/coordinator.Dockerfile -t docfleet-coordinator .
#
# Stage 1 builds coordinator-api/target/docfleet-coordinator.jar and its class path with the same
# Maven command as scripts/lib/build.sh, the local repository in a BuildKit cache mount.
# Stage 2 is a JRE-only image run as an unprivileged user; the JVM is PID 1, so SIGTERM stops the
# server and hands the leadership on.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -q -B -pl coordinator-api -am -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package

FROM eclipse-temurin:17-jre-noble
# curl for the HEALTHCHECK (and for the compose demo's submitter, which runs this image).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 docfleet \
    && useradd --system --uid 10001 --gid docfleet --home-dir /app --shell /usr/sbin/nologin docfleet \
    && install -d -o 10001 -g 10001 /var/lib/docfleet/uploads
WORKDIR /app
COPY --from=build /src/coordinator-api/target/lib/ /app/lib/
COPY --from=build /src/coordinator-api/target/docfleet-coordinator.jar /app/docfleet-coordinator.jar

# The heap is a share of the container's memory limit, not of the host's.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true" \
    COORDINATOR_PORT=8080

USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${COORDINATOR_PORT:-8080}/health" >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/docfleet-coordinator.jar"]
