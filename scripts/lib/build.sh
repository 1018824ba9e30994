# shellcheck shell=bash
# Sourced by the scripts in scripts/: finds the repository root from this file's own place (so the
# scripts work from any current directory) and builds a module's jar, with its class path in
# <module>/target/lib, when the jar is missing or older than any pom or main source of common/ and
# that module: worker/target/docfleet-worker.jar, coordinator-api/target/docfleet-coordinator.jar.
#
# DOCFLEET_CLASSPATH, when set (by tests, or an IDE), is a class path to run instead: no build.
#
# Sets:    DOCFLEET_ROOT, DOCFLEET_WORKER_JAR, DOCFLEET_COORDINATOR_JAR
# Defines: docfleet_build_if_needed (the worker), docfleet_build_coordinator_if_needed,
#          docfleet_class_path, docfleet_java

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
    # Maven 3.8 writes colour resets (ESC[0m) even in batch mode: they would reach the terminal
    # ahead of the program's own output, so they are taken out.
    if ! (
      set -o pipefail
      (cd "$DOCFLEET_ROOT" && mvn -q -B -DskipTests -Djacoco.skip=true \
        -Dspotless.check.skip=true -pl "$module" -am package) 2>&1 |
        sed -e $'s/\e\\[[0-9;]*[A-Za-z]//g' >&2
    ); then
      echo "the build failed; see the Maven output above" >&2
      return 1
    fi
    # The jar plugin leaves an unchanged jar alone; mark it current so a touched pom does not
    # cause a build on every start.
    touch "$jar"
  fi
  if [[ -n ${docfleet_lock:-} ]]; then
    exec {docfleet_lock}>&-
    unset docfleet_lock
  fi
}

# Builds worker/target/docfleet-worker.jar when needed (never with DOCFLEET_CLASSPATH).
docfleet_build_if_needed() {
  [[ -n ${DOCFLEET_CLASSPATH:-} ]] && return 0
  docfleet_build_module_if_needed worker "$DOCFLEET_WORKER_JAR"
}

# Builds coordinator-api/target/docfleet-coordinator.jar when needed (never with
# DOCFLEET_CLASSPATH).
docfleet_build_coordinator_if_needed() {
  [[ -n ${DOCFLEET_CLASSPATH:-} ]] && return 0
  docfleet_build_module_if_needed coordinator-api "$DOCFLEET_COORDINATOR_JAR"
}

# The class path to run a module's main class from: DOCFLEET_CLASSPATH when set, else the jar
# ($1), whose manifest names its libraries.
docfleet_class_path() {
  echo "${DOCFLEET_CLASSPATH:-$1}"
}

# The java launcher: $JAVA_HOME/bin/java when JAVA_HOME is set, else java from the PATH.
docfleet_java() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
