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

# api METHOD PATH [JSON-BODY]: one REST call. Errors come back as application/problem+json and make
# the script fail (curl --fail-with-body) after printing the problem.
api() {
  local method="$1" path="$2" body="${3:-}"
  local args=(--silent --show-error --fail-with-body -X "$method" -H @- -H 'Accept: application/json')
  if [[ -n "$body" ]]; then
    args+=(-H 'Content-Type: application/json' --data "$body")
  fi
  echo ">> $method $path ${body}" >&2
  _headers | curl "${args[@]}" "$SMARTERMCP_URL$path" | _pretty
}

# tool NAME [JSON-ARGUMENTS]: POST /tools/NAME with the arguments (default {}).
tool() {
  api POST "/tools/$1" "${2:-{\}}"
}
