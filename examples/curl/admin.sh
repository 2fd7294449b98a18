#!/usr/bin/env bash
# Not a tool category: health (no token needed), the tools this token may call, and with an
# admin:tenants token the tokens and tenants.
#   ./admin.sh                  health and tools
#   ./admin.sh issue NAME PROFILE   issue a token (executor, director or writer)
#   ./admin.sh tokens | tenants
#   ./admin.sh revoke TOKEN_ID
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  issue)   api POST /auth/token "{\"name\": \"$2\", \"profile\": \"$3\"}" ;;
  tokens)  api GET /auth/tokens ;;
  revoke)  api DELETE "/auth/tokens/$2" ;;
  tenants) api GET /tenants ;;
  *)
    curl --silent --show-error "$SMARTERMCP_URL/health" | _pretty
    api GET /tools
    ;;
esac
