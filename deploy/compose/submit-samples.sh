#!/bin/sh
# The compose demo's submitter (deploy/compose.yaml, service `demo`): submits every file of a
# folder but MANIFEST.md to the coordinator as a file:// source, waits until each document is
# completed or failed, and prints one line per document. Exits 0 only when all completed.
#
# Usage: submit-samples.sh <coordinator URL> <API token> <samples folder> [timeout seconds]
# Needs only sh, curl, sed and grep (the coordinator image has them).
set -eu

api=$1
token=$2
folder=$3
timeout=${4:-600}

field() { # field <name> <json>: the first string or number value of <name> in <json>
  printf '%s' "$2" | grep -o "\"$1\" *: *\"\{0,1\}[^\",}]*" | head -n 1 | sed 's/^"[^"]*" *: *"\{0,1\}//'
}

ids=""
for file in "$folder"/*; do
  name=$(basename "$file")
  [ -f "$file" ] && [ "$name" != MANIFEST.md ] || continue
  answer=$(curl -fsS -X POST "$api/api/v1/documents" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"source\": \"file://$file\", \"name\": \"$name\"}")
  id=$(field documentId "$answer")
  echo "submitted $name as $id"
  ids="$ids $id"
done
[ -n "$ids" ] || { echo "no files in $folder" >&2; exit 1; }

start=$(date +%s)
failed=0
for id in $ids; do
  while :; do
    view=$(curl -fsS "$api/api/v1/documents/$id")
    status=$(field status "$view")
    case $status in
      completed | failed) break ;;
    esac
    if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
      status="still $status after ${timeout}s"
      break
    fi
    sleep 1
  done
  [ "$status" = completed ] || failed=$((failed + 1))
  printf '%-40s %-10s provider calls %-3s cache hits %s\n' "$(field name "$view")" "$status" \
    "$(field providerCalls "$view")" "$(field cacheHits "$view")"
done

echo "$(echo $ids | wc -w) documents, $failed not completed"
[ "$failed" -eq 0 ]
