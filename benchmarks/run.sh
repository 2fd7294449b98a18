#!/usr/bin/env bash
# The SmarterMCP benchmark: builds the server jar and this module, installs what a fresh machine
# lacks (wrk from Debian, the TypeScript MCP SDK peer from npm), runs everything (about ten minutes,
# bounded) and writes benchmarks/RESULTS.md. Loopback only. Not part of bin/test or CI.
#
# Usage: benchmarks/run.sh [--quick]     (--quick: short runs to try the harness; not a report)
# Servers under test run pinned to CPU 1, the load generator to CPU 0 (override with
# BENCH_SERVER_CPU / BENCH_LOAD_CPU; BENCH_DEADLINE=2026-12-04T14:30:00Z skips the parts not started
# by then and says so in the report). JVM settings of the servers: benchmarks/server-under-test.conf.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$(cd ../shared && pwd)
quick=false
[[ ${1:-} == --quick ]] && quick=true

if ! command -v wrk >/dev/null; then
  echo "installing wrk (REST cross-check)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
    || echo "wrk could not be installed: the report will say there is no cross-check"
fi
command -v taskset >/dev/null || { echo "taskset (util-linux) is required" >&2; exit 1; }

node=$("$shared/peers/node22.sh")
export PATH="$(dirname "$node"):$PATH"
(cd benchmarks/node && npm install --no-audit --no-fund --no-package-lock --silent)

# offline first (everything is usually in ~/.m2), online if something is missing
mvn_() { mvn -B -ntp -q -o "$@" || mvn -B -ntp -q "$@"; }
# package, never install: the server jar is taken from smartermcp-server/target; this module compiles
# against the SmarterMCP artifacts already in the local repository (the stub uses only stable ports)
mvn_ package -DskipTests -pl smartermcp-server -am
mvn_ -f benchmarks/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

work=$root/benchmarks/target/bench-work
rm -rf "$work" && mkdir -p "$work"
# 10,000 SSE streams need as many sockets on each side
ulimit -n "$(ulimit -Hn)" || true

commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- . ':!benchmarks/RESULTS.md' || commit="$commit (with uncommitted changes)"

exec taskset -c "${BENCH_LOAD_CPU:-0}" java -Xms512m -Xmx2g \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  -Dbench.serverJar="$root/smartermcp-server/target/smartermcp-server.jar" \
  -Dbench.benchJar="$root/benchmarks/target/smartermcp-benchmarks.jar" \
  -Dbench.serverConf="$root/benchmarks/server-under-test.conf" \
  -Dbench.node="$node" -Dbench.nodeDir="$root/benchmarks/node" \
  -Dbench.out="$root/benchmarks/RESULTS.md" -Dbench.workDir="$work" \
  -Dbench.wrk="$(command -v wrk || true)" -Dbench.commit="$commit" \
  -Dbench.command="benchmarks/run.sh${1:+ $1}" -Dbench.quick=$quick \
  -Dbench.serverCpu="${BENCH_SERVER_CPU:-1}" -Dbench.loadCpu="${BENCH_LOAD_CPU:-0}" \
  -Dbench.deadline="${BENCH_DEADLINE:-}" \
  cl.smartercl.mcp.benchmarks.run.BenchmarkRunner
