#!/usr/bin/env bash
# analytics_*: ./analytics.sh [QUESTION]   KPIs, dashboards, and a report of a saved question (name or id)
source "$(dirname "$0")/common.sh"

tool analytics_kpis '{"kpis": ["revenue_mtd"]}'
tool analytics_dashboards
if [[ -n "${1:-}" ]]; then
  tool analytics_reports "{\"query\": \"$1\", \"format\": \"markdown\"}"
fi
