#!/usr/bin/env bash
# docs_*: ./documentation.sh [SERVICE_ID] [SCHEMA]   a service's docs, its API, a database schema (default public)
source "$(dirname "$0")/common.sh"

tool docs_services "{\"service_id\": \"${1:-n8n}\"}"
tool docs_apis "{\"service_id\": \"${1:-n8n}\"}"
tool docs_schemas "{\"schema\": \"${2:-public}\"}"
