# shellcheck shell=bash
# Sourced by the scripts in scripts/: finds the repository root from this file's own place (so the
# scripts work from any current directory) and builds a module's jar, with its class path in
# <module>/target/lib, when the jar is missing or older than any pom or main source of the modules
# it is built from: worker/target/docfleet-worker.jar, coordinator-api/target/docfleet-coordinator.jar
# (from common/ and the module), tools/target/docfleet-tools.jar (the demo, the benchmarks and the
# sample generator, from common/, local-servers/, worker/ and tools/; it builds the worker jar too,
# which the benchmarks' worker processes run).
#
# DOCFLEET_CLASSPATH, when set (by tests, or an IDE), is a class path to run instead: no build.
#
# Sets:    DOCFLEET_ROOT, DOCFLEET_WORKER_JAR, DOCFLEET_COORDINATOR_JAR, DOCFLEET_TOOLS_JAR
# Defines: docfleet_build_if_needed (the worker), docfleet_build_coordinator_if_needed,
#          docfleet_build_tools_if_needed, docfleet_class_path, docfleet_java

DOCFLEET_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
DOCFLEET_WORKER_JAR="$DOCFLEET_ROOT/worker/target/docfleet-worker.jar"
DOCFLEET_COORDINATOR_JAR="$DOCFLEET_ROOT/coordinator-api/target/docfleet-coordinator.jar"
DOCFLEET_TOOLS_JAR="$DOCFLEET_ROOT/tools/target/docfleet-tools.jar"

# The modules of this repository a module's jar ($1) is built from, itself last.
docfleet_modules_of() {
  case $1 in
    tools) echo common local-servers worker tools ;;
    *) echo common "$1" ;;
  esac
}

# Prints the first file the jar ($2) of a module ($1) is older than; nothing when it is current.
docfleet_newer_sources() {
  local paths=("$DOCFLEET_ROOT/pom.xml") module
  for module in $(docfleet_modules_of "$1"); do
    paths+=("$DOCFLEET_ROOT/$module/pom.xml" "$DOCFLEET_ROOT/$module/src/main")
  done
  find "${paths[@]}" -type f -newer "$2" -print -quit 2>/dev/null
}

# True when a module's jar ($2) is there and current; the tools' jar also needs a current worker
# jar, which the benchmarks' worker processes run.
docfleet_jar_is_current() {
  [[ -f $2 && -z $(docfleet_newer_sources "$1" "$2") ]] || return 1
  [[ $1 != tools ]] || docfleet_jar_is_current worker "$DOCFLEET_WORKER_JAR"
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
    if [[ $module == tools ]]; then
      touch "$DOCFLEET_WORKER_JAR"
    fi
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

# Builds tools/target/docfleet-tools.jar, and the worker jar with it, when needed (never with
# DOCFLEET_CLASSPATH).
docfleet_build_tools_if_needed() {
  [[ -n ${DOCFLEET_CLASSPATH:-} ]] && return 0
  docfleet_build_module_if_needed tools "$DOCFLEET_TOOLS_JAR"
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
