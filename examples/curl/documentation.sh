#!/usr/bin/env bash
# docs_*: ./documentation.sh [SERVICE_ID] [DATABASE]   a service's docs, its API, a database's schema
source "$(dirname "$0")/common.sh"

tool docs_services "{\"service_id\": \"${1:-n8n}\"}"
tool docs_apis "{\"service_id\": \"${1:-n8n}\"}"
tool docs_schemas "{\"database\": \"${2:-postgres}\"}"
