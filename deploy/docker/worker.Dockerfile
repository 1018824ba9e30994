# syntax=docker/dockerfile:1
# The docfleet worker image. Build from the repository root:
#   docker build -f deploy/docker/worker.Dockerfile -t docfleet-worker .
#
# Stage 1 builds worker/target/docfleet-worker.jar and its class path (worker/target/lib) with
# the same Maven command as scripts/lib/build.sh; the local repository lives in a BuildKit cache
# mount, so a source change does not download the dependencies again.
# Stage 2 is a JRE-only image with tesseract (the OCR engine of scanned pages and images), run as
# an unprivileged user. The JVM is PID 1, so SIGTERM reaches it and the worker drains
# (SHUTDOWN_GRACE): give the container a stop grace period above that.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -q -B -pl worker -am -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true package

FROM eclipse-temurin:17-jre-noble
# tesseract-ocr 5.3 and its English data; curl for the HEALTHCHECK. /var/lib/docfleet/uploads is
# where the coordinator stores uploads (a volume shared with the workers in compose.yaml).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       tesseract-ocr tesseract-ocr-eng curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 docfleet \
    && useradd --system --uid 10001 --gid docfleet --home-dir /app --shell /usr/sbin/nologin docfleet \
    && install -d -o 10001 -g 10001 /var/lib/docfleet/uploads
WORKDIR /app
COPY --from=build /src/worker/target/lib/ /app/lib/
COPY --from=build /src/worker/target/docfleet-worker.jar /app/docfleet-worker.jar

# The heap is a share of the container's memory limit, not of the host's. 60% rather than the
# coordinator's 75%: each tesseract process (one per running OCR page) lives outside the heap.
# PDFBox writes its font cache to /tmp (the home folder is read-only for this user).
# OMP_THREAD_LIMIT=1: one thread per tesseract process; the worker runs WORKER_CONCURRENCY of
# them side by side, and OpenMP's default (a thread per visible core) oversubscribes the CPU limit.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dpdfbox.fontcache=/tmp" \
    OMP_THREAD_LIMIT=1 \
    WORKER_HTTP_PORT=8081

USER 10001:10001
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${WORKER_HTTP_PORT:-8081}/health" >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/docfleet-worker.jar"]
