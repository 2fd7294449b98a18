#!/usr/bin/env bash
# Stops what examples/local-stack/start.sh started, and only that: the processes listed in
# STATE_DIR/pids (server, n8n, the podman API service) and the demo containers in STATE_DIR/containers.
# The state folder (store, n8n data, tokens) is kept, so the next start finds its workflows again;
# delete it to start from scratch.
#
# Usage: examples/local-stack/stop.sh [STATE_DIR]          (default examples/local-stack/.state)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=${1:-$here/.state}
pids=$state/pids
[[ -f $pids ]] || { echo "local-stack: nothing to stop (no $pids)" >&2; exit 0; }

# the containers first, while the API that runs them still answers
if [[ -s $state/containers && -S $state/docker.sock ]]; then
  while read -r name; do
    [[ -n $name ]] && curl -s -o /dev/null -m 30 --unix-socket "$state/docker.sock" -X DELETE \
      "http://d/v1.41/containers/$name?force=true"
  done <"$state/containers"
fi
: >"$state/containers" 2>/dev/null || true

# newest first: the server before the backends it talks to
tac "$pids" | while read -r pid name; do
  [[ $pid =~ ^[0-9]+$ ]] || continue
  kill -0 "$pid" 2>/dev/null || continue
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "local-stack: $name (pid $pid) did not stop in 30 s; killing it" >&2
    kill -9 "$pid" 2>/dev/null
  fi
  echo "local-stack: stopped $name (pid $pid)" >&2
done
rm -f "$pids" "$state/docker.sock"
