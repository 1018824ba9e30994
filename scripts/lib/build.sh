# shellcheck shell=bash
# Sourced by the scripts in scripts/: finds the repository root from this file's own place (so the
# scripts work from any current directory) and builds worker/target/docfleet-worker.jar, with its
# class path in worker/target/lib, when the jar is missing or older than any pom or main source of
# common/ and worker/.
#
# Sets:    DOCFLEET_ROOT, DOCFLEET_WORKER_JAR
# Defines: docfleet_build_if_needed, docfleet_java

DOCFLEET_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
DOCFLEET_WORKER_JAR="$DOCFLEET_ROOT/worker/target/docfleet-worker.jar"

# Prints the first file the jar is older than; prints nothing when the jar is up to date.
docfleet_newer_sources() {
  find "$DOCFLEET_ROOT/pom.xml" \
    "$DOCFLEET_ROOT/common/pom.xml" "$DOCFLEET_ROOT/common/src/main" \
    "$DOCFLEET_ROOT/worker/pom.xml" "$DOCFLEET_ROOT/worker/src/main" \
    -type f -newer "$DOCFLEET_WORKER_JAR" -print -quit 2>/dev/null
}

docfleet_jar_is_current() {
  [[ -f $DOCFLEET_WORKER_JAR && -z $(docfleet_newer_sources) ]]
}

# Builds the worker jar when needed. Concurrent callers wait for one build (flock, when present).
docfleet_build_if_needed() {
  docfleet_jar_is_current && return 0
  mkdir -p "$DOCFLEET_ROOT/target"
  if command -v flock >/dev/null; then
    exec {docfleet_lock}>"$DOCFLEET_ROOT/target/.build.lock"
    flock "$docfleet_lock"
  fi
  if ! docfleet_jar_is_current; then
    echo "building worker/target/docfleet-worker.jar (missing, or older than its sources) ..." >&2
    (cd "$DOCFLEET_ROOT" && mvn -q -B -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true \
      -pl worker -am package) >&2 || {
      echo "the build failed; see the Maven output above" >&2
      return 1
    }
    # The jar plugin leaves an unchanged jar alone; mark it current so a touched pom does not
    # cause a build on every start.
    touch "$DOCFLEET_WORKER_JAR"
  fi
  if [[ -n ${docfleet_lock:-} ]]; then
    exec {docfleet_lock}>&-
    unset docfleet_lock
  fi
}

# The java launcher: $JAVA_HOME/bin/java when JAVA_HOME is set, else java from the PATH.
docfleet_java() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
