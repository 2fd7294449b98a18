#!/usr/bin/env bash
# A/B of two SmarterMCP jars on the trivial tool: server CPU per call and calls/s with wrk (64
# connections) over REST and MCP, each jar warmed up the same way first. Used to measure a fix
# (see FINDINGS.md); not part of run.sh. Loopback only, bounded runs.
# Usage: [AB_WARMUP_ROUNDS=3] [AB_TOOL=docs_services AB_ARGS='{"service_id":"n8n"}'] benchmarks/ab.sh A.jar B.jar
#   (benchmarks/target/smartermcp-benchmarks.jar must be built). The default tool, services_list, is
#   NOT answered here (the stub's tenant has no Docker backend: backend_not_configured, unlike run.sh,
#   which starts a Docker API stub), so the script stops at once; use the real tool of run.sh:
#   AB_TOOL=docs_services AB_ARGS='{"service_id":"n8n"}'. AB_ACCEPT sets the load's Accept header
#   (default "application/json, text/event-stream"; "text/event-stream" keeps MCP answers on SSE)
# Each jar runs AB_ROUNDS (default 3) measured rounds; the jars alternate A, B, A, B, ... when
# AB_ALTERNATE=1 (both running, each round measures one then the other, so load drift hits both;
# AB_SWAP=1 puts B first in every other round);
# with AB_ALTERNATE=1 and AB_JFR_DIR=dir, a last round records the MCP measure of each under JFR and
# prints both profiles (benchmarks/target/classes must be built).
set -euo pipefail
cd "$(dirname "$0")/.."
bench_jar=$(pwd)/benchmarks/target/smartermcp-benchmarks.jar
work=$(mktemp -d /tmp/smartermcp-ab.XXXXXX)
token="smcp_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
trap 'rm -rf "$work"' EXIT
tool=${AB_TOOL:-services_list}
args=${AB_ARGS:-'{}'}
mapfile -t conf < <(grep -v '^\s*\(#\|$\)' benchmarks/server-under-test.conf)

lua() { # body [session]
  { echo 'wrk.method = "POST"'; echo "wrk.body = '$1'"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo "wrk.headers[\"Accept\"] = \"${AB_ACCEPT:-application/json, text/event-stream}\""
    echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
    [[ -n ${2:-} ]] && echo "wrk.headers[\"Mcp-Session-Id\"] = \"$2\""; true; } > "$work/$3.lua"
}

measure() { # label pid url lua seconds
  local a b n
  a=$(awk '{print $14+$15}' "/proc/$2/stat")
  n=$(taskset -c 0 wrk -t1 -c64 -d"$5"s -s "$work/$4.lua" "$3" | awk '/requests in/ {print $1}')
  b=$(awk '{print $14+$15}' "/proc/$2/stat")
  printf '%-6s %-5s calls/s %7.0f  server CPU ms/call %.3f\n' "$1" "$4" "$(echo "$n / $5" | bc -l)" "$(echo "($b - $a) * 10 / $n" | bc -l)"
}

declare -A pids ports
start() { # label jar
  local label=$1 jar=$2 port=$((18500 + RANDOM % 1000)) sid
  mkdir -p "$work/data-$label"
  # the JVM arguments of run.sh's servers (heap, logging, rate limits far above the load)
  SMARTERMCP_ADMIN_TOKEN=$token SMARTERMCP_DATA_DIR=$work/data-$label taskset -c 1 java "${conf[@]}" \
    -Dloader.path="$bench_jar" -Dserver.port=$port -Dserver.address=127.0.0.1 \
    -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher > "$work/server-$label.log" 2>&1 &
  pids[$label]=$!; ports[$label]=$port
  for _ in $(seq 1 240); do   # up: any HTTP answer
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$args" \
      "http://127.0.0.1:$port/tools/$tool" && break
    sleep 0.5
  done
  # a tool that answers an error (services_list when the stub's tenant has no Docker backend, as here:
  # backend_not_configured) would measure the refusal path, not the tool: stop instead
  if ! curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "$args" "http://127.0.0.1:$port/tools/$tool"; then
    echo "ab.sh: $label does not answer $tool $args with a success (see $work/server-$label.log); not measured" >&2
    curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$args" \
      "http://127.0.0.1:$port/tools/$tool" >&2; echo >&2
    kill "${pids[$label]}"; exit 1
  fi
  sid=$(curl -s -D - -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"ab","version":"1"}}}' \
    "http://127.0.0.1:$port/mcp" | awk 'tolower($1) == "mcp-session-id:" {print $2}' | tr -d '\r')
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $sid" \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "http://127.0.0.1:$port/mcp"
  lua "$args" '' "rest"
  lua '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"'"$tool"'","arguments":'"$args"'}}' "$sid" "mcp-$label"
}
warm() { # label
  local port=${ports[$1]}
  for _ in $(seq 1 "${AB_WARMUP_ROUNDS:-3}"); do   # warm-up: 20 s a round (default 60 s)
    taskset -c 0 wrk -t1 -c64 -d10s -s "$work/mcp-$1.lua" "http://127.0.0.1:$port/mcp" > /dev/null
    taskset -c 0 wrk -t1 -c64 -d10s -s "$work/rest.lua" "http://127.0.0.1:$port/tools/$tool" > /dev/null
  done
}
stop() { kill "${pids[$1]}"; wait "${pids[$1]}" 2>/dev/null || true; }
round() { # label [jfr]: with jfr, the MCP measure runs under JFR (settings=default) into $AB_JFR_DIR/LABEL.jfr
  local port=${ports[$1]}
  [[ -n ${2:-} ]] && jcmd "${pids[$1]}" JFR.start name=ab settings=default filename="$AB_JFR_DIR/$1.jfr" > /dev/null
  measure "$1" "${pids[$1]}" "http://127.0.0.1:$port/mcp" "mcp-$1" 8
  [[ -n ${2:-} ]] && jcmd "${pids[$1]}" JFR.stop name=ab > /dev/null
  measure "$1" "${pids[$1]}" "http://127.0.0.1:$port/tools/$tool" rest 8
}

if [[ ${AB_ALTERNATE:-0} == 1 ]]; then
  # both up (one CPU, only one under load at a time), warmed the same way, then measured in turns
  start A "$1"; start B "$2"; warm A; warm B
  # AB_SWAP=1: B goes first in every other round, so a server still warming up is not always
  # measured second (which favours whichever jar is measured later)
  for i in $(seq 1 "${AB_ROUNDS:-3}"); do
    if [[ ${AB_SWAP:-0} == 1 && $((i % 2)) == 0 ]]; then round B; round A; else round A; round B; fi
  done
  if [[ -n ${AB_JFR_DIR:-} ]]; then   # one more round of MCP under the recorder, then the two profiles
    round A jfr; round B jfr
    java -cp "$(pwd)/benchmarks/target/classes" cl.smartercl.mcp.benchmarks.run.JfrSummary "$AB_JFR_DIR/A.jfr" "$AB_JFR_DIR/B.jfr"
  fi
  stop A; stop B
else
  for label in A B; do
    jar=$([[ $label == A ]] && echo "$1" || echo "$2")
    start "$label" "$jar"; warm "$label"
    for _ in $(seq 1 "${AB_ROUNDS:-3}"); do round "$label"; done
    stop "$label"
  done
fi
