# Sourced by the category scripts. Needs curl; pretty-prints with jq when it is installed.
#   SMARTERMCP_URL        the server (default http://localhost:8080)
#   SMARTERMCP_API_TOKEN  an smcp_... token with the scopes the calls need
#   SMARTERMCP_TENANT_ID  optional: act for this tenant (X-Tenant-ID)
set -euo pipefail

SMARTERMCP_URL="${SMARTERMCP_URL:-http://localhost:8080}"

if [[ -z "${SMARTERMCP_API_TOKEN:-}" ]]; then
  echo "Set SMARTERMCP_API_TOKEN to an smcp_... token first." >&2
  exit 2
fi

# The token goes to curl through a header file read from stdin, so it never shows in `ps`.
_headers() {
  printf 'Authorization: Bearer %s\n' "$SMARTERMCP_API_TOKEN"
  if [[ -n "${SMARTERMCP_TENANT_ID:-}" ]]; then
    printf 'X-Tenant-ID: %s\n' "$SMARTERMCP_TENANT_ID"
  fi
}

_pretty() {
  if command -v jq >/dev/null 2>&1; then jq .; else cat; echo; fi
}

# api METHOD PATH [JSON-BODY]: one REST call, its answer printed. A tool whose backend the tenant has
# not configured (503 backend_not_configured) is skipped with the server's hint; a call over the
# token's rate limit (429) waits the seconds the answer gives and is sent again (three times at most);
# any other problem (application/problem+json) is printed and the script goes on, then exits 1 at the end.
_failures=0
api() {
  local method="$1" path="$2" body="${3:-}" out status answer
  local args=(--silent --show-error -X "$method" -H @- -H 'Accept: application/json' -w '\n%{http_code}')
  if [[ -n "$body" ]]; then
    args+=(-H 'Content-Type: application/json' --data "$body")
  fi
  echo ">> $method $path ${body}" >&2
  local attempt wait
  for attempt in 1 2 3 4; do
    if ! out=$(_headers | curl "${args[@]}" "$SMARTERMCP_URL$path"); then
      echo "!! $method $path: no answer from $SMARTERMCP_URL" >&2
      _failures=$((_failures + 1))
      return 0
    fi
    status=${out##*$'\n'}
    answer=${out%$'\n'*}
    # over the token's rate limit: wait as long as the server says (retry_after_seconds), then again
    [[ $status == 429 && $attempt -lt 4 ]] || break
    wait=1
    [[ $answer =~ \"retry_after_seconds\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && wait=${BASH_REMATCH[1]}
    ((wait <= 60)) || break
    echo "-- rate limited (HTTP 429): waiting ${wait} s as the server asks, then again" >&2
    sleep "$wait"
  done
  if [[ $status == 2* ]]; then
    printf '%s\n' "$answer" | _pretty
  elif [[ $status == 503 && $answer =~ \"code\"[[:space:]]*:[[:space:]]*\"backend_not_configured\" ]]; then
    echo "-- skipped: this tenant has not configured the backend (HTTP 503 backend_not_configured):" >&2
    printf '%s\n' "$answer" | _pretty >&2
  else
    echo "!! $method $path failed with HTTP $status:" >&2
    printf '%s\n' "$answer" | _pretty >&2
    _failures=$((_failures + 1))
  fi
}

_summary() {
  if ((_failures > 0)); then
    echo "!! $_failures call(s) failed" >&2
    exit 1
  fi
}
trap _summary EXIT

# tool NAME [JSON-ARGUMENTS]: POST /tools/NAME with the arguments (default {}).
tool() {
  api POST "/tools/$1" "${2:-{\}}"
}
