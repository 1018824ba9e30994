# shellcheck shell=bash
# Sourced by the scripts in scripts/: finds the repository root from this file's own place (so the
# scripts work from any current directory) and builds a module's jar, with its class path in
# <module>/target/lib, when the jar is missing or older than any pom or main source of common/ and
# that module: worker/target/docfleet-worker.jar, coordinator-api/target/docfleet-coordinator.jar.
#
# Sets:    DOCFLEET_ROOT, DOCFLEET_WORKER_JAR, DOCFLEET_COORDINATOR_JAR
# Defines: docfleet_build_if_needed (the worker), docfleet_build_coordinator_if_needed,
#          docfleet_java

DOCFLEET_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
DOCFLEET_WORKER_JAR="$DOCFLEET_ROOT/worker/target/docfleet-worker.jar"
DOCFLEET_COORDINATOR_JAR="$DOCFLEET_ROOT/coordinator-api/target/docfleet-coordinator.jar"

# Prints the first file the jar ($2) of a module ($1) is older than; nothing when it is current.
docfleet_newer_sources() {
  find "$DOCFLEET_ROOT/pom.xml" \
    "$DOCFLEET_ROOT/common/pom.xml" "$DOCFLEET_ROOT/common/src/main" \
    "$DOCFLEET_ROOT/$1/pom.xml" "$DOCFLEET_ROOT/$1/src/main" \
    -type f -newer "$2" -print -quit 2>/dev/null
}

docfleet_jar_is_current() {
  [[ -f $2 && -z $(docfleet_newer_sources "$1" "$2") ]]
}

# Builds a module's jar when needed. Concurrent callers wait for one build (flock, when present).
docfleet_build_module_if_needed() {
  local module=$1 jar=$2
  docfleet_jar_is_current "$module" "$jar" && return 0
  mkdir -p "$DOCFLEET_ROOT/target"
  if command -v flock >/dev/null; then
    exec {docfleet_lock}>"$DOCFLEET_ROOT/target/.build.lock"
    flock "$docfleet_lock"
  fi
  if ! docfleet_jar_is_current "$module" "$jar"; then
    echo "building ${jar#"$DOCFLEET_ROOT"/} (missing, or older than its sources) ..." >&2
    (cd "$DOCFLEET_ROOT" && mvn -q -B -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true \
      -pl "$module" -am package) >&2 || {
      echo "the build failed; see the Maven output above" >&2
      return 1
    }
    # The jar plugin leaves an unchanged jar alone; mark it current so a touched pom does not
    # cause a build on every start.
    touch "$jar"
  fi
  if [[ -n ${docfleet_lock:-} ]]; then
    exec {docfleet_lock}>&-
    unset docfleet_lock
  fi
}

# Builds worker/target/docfleet-worker.jar when needed.
docfleet_build_if_needed() {
  docfleet_build_module_if_needed worker "$DOCFLEET_WORKER_JAR"
}

# Builds coordinator-api/target/docfleet-coordinator.jar when needed.
docfleet_build_coordinator_if_needed() {
  docfleet_build_module_if_needed coordinator-api "$DOCFLEET_COORDINATOR_JAR"
}

# The java launcher: $JAVA_HOME/bin/java when JAVA_HOME is set, else java from the PATH.
docfleet_java() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
