#!/usr/bin/env bash
# Cold start of one server jar to its first served call, in ms: the process is started (pinned to
# CS_CPUS, default 1) with the given JVM options on a fresh data directory, and a REST call of the
# real tool (docs_services n8n) is tried every 10 ms until it is answered 200. Loopback only, each
# start bounded (180 s). Prints one line per sample with Spring Boot's own "Started ... in" line.
# Usage: [CS_SAMPLES=3] [CS_CPUS=1] benchmarks/coldstart.sh path/to/smartermcp-server.jar [JVM options...]
#   e.g. benchmarks/coldstart.sh app/smartermcp-server.jar -XX:SharedArchiveFile=app/smartermcp.jsa
set -euo pipefail
jar=$1
shift
token="smcp_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
for _ in $(seq 1 "${CS_SAMPLES:-1}"); do
  data=$(mktemp -d /tmp/smartermcp-cold.XXXXXX)
  port=$((19500 + RANDOM % 1000))
  start=$(date +%s%N)
  SMARTERMCP_ADMIN_TOKEN=$token SMARTERMCP_DATA_DIR=$data taskset -c "${CS_CPUS:-1}" java "$@" \
    -Dserver.port=$port -Dserver.address=127.0.0.1 -jar "$jar" > "$data/server.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d '{"service_id":"n8n"}' "http://127.0.0.1:$port/tools/docs_services"; do
    if ! kill -0 "$pid" 2>/dev/null || (( ($(date +%s%N) - start) / 1000000000 > 180 )); then
      echo "no answer; the server's log:" >&2; tail -20 "$data/server.log" >&2
      kill "$pid" 2>/dev/null || true; rm -rf "$data"; exit 1
    fi
    sleep 0.01
  done
  served=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '%6d ms  %s\n' "$served" "$(grep -o 'Started [A-Za-z]* in .*)' "$data/server.log" || true)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
