#!/usr/bin/env bash
# Calls per second of ONE replica against THREE behind HAProxy (deploy/haproxy.cfg), on this machine,
# with the several-replicas setup: PostgreSQL store and audit (a throwaway database on 127.0.0.1:5432),
# rate limits in Redis (a redis-server of its own). The call is REST POST /tools/docs_services (a
# tool without a backend: authentication, limits in Redis, the audit row in PostgreSQL, the answer),
# driven by wrk. Reports the servers' CPU per call (utime+stime of the replica processes, and of
# HAProxy, from /proc) and the load of the machine before each run, and appends one row per setup to
# benchmarks/REPLICAS.md. Re-runnable; everything on loopback, every process stopped by its PID.
#
# Usage: benchmarks/replicas.sh [seconds per measured run, default 15] [wrk connections, default 32]
# Needs the server jar (mvn -B -o -q -pl smartermcp-server -am package -DskipTests), PostgreSQL at
# 127.0.0.1:5432 (trust, user postgres), redis-server, haproxy and wrk (Debian packages). No CPU
# pinning: wrk, HAProxy, the replicas, PostgreSQL and Redis share the machine's CPUs, as they would on
# one small host; the numbers say what this machine did, not what separate hosts would.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
secs=${1:-15}
conns=${2:-32}
jar=$root/smartermcp-server/target/smartermcp-server.jar
[[ -f $jar ]] || { echo "build the server jar first: mvn -B -o -q -pl smartermcp-server -am package -DskipTests" >&2; exit 1; }
for tool in haproxy redis-server wrk psql; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || { echo "$tool is required" >&2; exit 1; }
done
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)

work=$(mktemp -d /tmp/smartermcp-bench-replicas.XXXXXX)
db=bench_replicas_$(date +%s)_$$
token=smcp_bench_replicas_admin_0123456789abcdefghijklmnop
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { local t=0; for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' /proc/"$pid"/stat))); done; echo "$t"; }
hz=$(getconf CLK_TCK)

psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db" >/dev/null
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)

replica_pids=()
start_replica() { # id port
  SERVER_PORT=$2 SMARTERMCP_DB_URL=postgresql://postgres@127.0.0.1:5432/$db \
  SMARTERMCP_REDIS_URL=redis://127.0.0.1:$redis_port SMARTERMCP_ADMIN_TOKEN=$token \
  SMARTERMCP_REPLICA_ID=$1 SMARTERMCP_LOCAL_DOCKER=false \
  env -u SMARTERMCP_TENANTS_FILE -u SMARTERMCP_DATA_DIR java -Xmx384m -XX:+UseSerialGC \
    -Dsmartermcp.rate-limits.defaults.general.per-minute=100000000 \
    -Dsmartermcp.rate-limits.defaults.general.per-hour=0 \
    -Dsmartermcp.rate-limits.defaults.general.burst=100000000 \
    -Dsmartermcp.rate-limits.defaults.categories.documentation.per-minute=100000000 \
    -jar "$jar" >"$work/$1.log" 2>&1 &
  pids+=($!)
  replica_pids+=($!)
}
await_health() { # port
  for _ in $(seq 1 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health") == 200 ]] && return 0
    sleep 0.5
  done
  echo "the replica on port $1 did not start; see $work" >&2; exit 1
}

cat >"$work/call.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"service_id":"n8n"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA

results=()
measure() { # label url pids...
  local label=$1 url=$2; shift 2
  wrk -t2 -c"$conns" -d5s -s "$work/call.lua" "$url/tools/docs_services" >/dev/null   # warm-up
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  local before; before=$(cpu_ticks "$@")
  local hb=0; [[ -n ${haproxy_pid:-} ]] && hb=$(cpu_ticks "$haproxy_pid")
  wrk -t2 -c"$conns" -d"${secs}s" -s "$work/call.lua" "$url/tools/docs_services" >"$work/$label.wrk"
  local after; after=$(cpu_ticks "$@")
  local ha=0; [[ -n ${haproxy_pid:-} ]] && ha=$(cpu_ticks "$haproxy_pid")
  local total; total=$(awk '/requests in/ {print $1}' "$work/$label.wrk")
  local rate; rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/$label.wrk")
  local bad; bad=$(awk '/Non-2xx/ {print $5}' "$work/$label.wrk"); bad=${bad:-0}
  local p50; p50=$(awk '/Latency/ {print $2}' "$work/$label.wrk")
  local cpu_ms; cpu_ms=$(awk -v t=$((after - before)) -v n="$total" -v hz="$hz" 'BEGIN {printf "%.2f", t * 1000 / hz / n}')
  local lb_ms; lb_ms=$(awk -v t=$((ha - hb)) -v n="$total" -v hz="$hz" 'BEGIN {printf "%.2f", t * 1000 / hz / n}')
  results+=("| $(date -u +%Y-%m-%dT%H:%MZ) | $label | $rate | $total | $bad | $p50 | $cpu_ms | $lb_ms | $load | $(nproc) CPUs, ${secs} s, $conns connections |")
  echo "$label: $rate calls/s ($total calls, $bad non-2xx), replicas' CPU $cpu_ms ms/call, HAProxy $lb_ms ms/call, load before: $load"
}

p1=$(free_port); p2=$(free_port); p3=$(free_port); lb=$(free_port); stats=$(free_port)
start_replica replica1 "$p1"
await_health "$p1"
measure "one replica, direct" "http://127.0.0.1:$p1" "${replica_pids[@]}"

start_replica replica2 "$p2"
start_replica replica3 "$p3"
await_health "$p2"; await_health "$p3"
SMARTERMCP_LB_BIND=127.0.0.1:$lb SMARTERMCP_LB_STATS_BIND=127.0.0.1:$stats \
SMARTERMCP_REPLICA_1=127.0.0.1:$p1 SMARTERMCP_REPLICA_2=127.0.0.1:$p2 SMARTERMCP_REPLICA_3=127.0.0.1:$p3 \
  "$haproxy" -db -f deploy/haproxy.cfg >"$work/haproxy.log" 2>&1 &
pids+=($!)
haproxy_pid=$!
for _ in $(seq 1 100); do
  [[ $(curl -s "http://127.0.0.1:$stats/stats;csv" | grep -c '^smartermcp_replicas,replica[123],.*,UP,') == 3 ]] && break
  sleep 0.3
done
measure "three replicas behind HAProxy" "http://127.0.0.1:$lb" "${replica_pids[@]}"

out=benchmarks/REPLICAS.md
if [[ ! -f $out ]]; then
  cat >"$out" <<'MD'
# One replica vs three behind HAProxy

Written by `benchmarks/replicas.sh` (one row per setup and run; the newest last). REST
`POST /tools/docs_services` with wrk: authentication, limits in Redis, the audit row in PostgreSQL.
"replicas' CPU" is the user+system CPU of all replica processes per answered call, "HAProxy" its own.
Everything (wrk, HAProxy, the replicas, PostgreSQL, Redis) shares this machine's CPUs: with the
machine CPU-bound, three replicas cannot be faster than one; the row says what the balancer and the
extra JVMs cost. "load before" is /proc/loadavg before the measured run: other work on the machine.

| when (UTC) | setup | calls/s | calls | non-2xx | p50 latency | replicas' CPU ms/call | HAProxy CPU ms/call | load before (1, 5, 15 min) | conditions |
|---|---|---|---|---|---|---|---|---|---|
MD
fi
printf '%s\n' "${results[@]}" >>"$out"
echo "appended to $out; logs in $work"
