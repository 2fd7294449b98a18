#!/usr/bin/env bash
# analytics_* on Metabase:
#   ./analytics.sh                          every configured KPI, then the tenant's dashboards
#   ./analytics.sh QUERY                    ... and a markdown report of QUERY: a saved question's id or exact
#                                           name ("Revenue MTD", 6), read-only SQL, or a request in words
#                                           (over REST no model writes SQL: the answer suggests questions)
#   ./analytics.sh QUERY csv [FILE]         ... and every row of QUERY as a CSV file (default report.csv)
# On the local stack these answer from "Metabase (test double)".
source "$(dirname "$0")/common.sh"

query="${1:-}"
json_query=${query//\\/\\\\}
json_query=${json_query//\"/\\\"}

tool analytics_kpis '{}'
tool analytics_dashboards
if [[ -n "$query" ]]; then
  tool analytics_reports "{\"query\": \"$json_query\", \"format\": \"markdown\", \"limit\": 20}"
fi
if [[ -n "$query" && "${2:-}" == "csv" ]]; then
  file="${3:-report.csv}"
  # Accept: text/csv makes the server answer the export itself instead of JSON around it
  echo ">> POST /tools/analytics_reports {\"query\": \"$json_query\", \"format\": \"csv\"} > $file" >&2
  _headers | curl --silent --show-error --fail-with-body -X POST -H @- -H 'Accept: text/csv' \
    -H 'Content-Type: application/json' --data "{\"query\": \"$json_query\", \"format\": \"csv\"}" \
    -o "$file" "$SMARTERMCP_URL/tools/analytics_reports"
  echo "wrote $(($(wc -l <"$file") - 1)) line(s) after the header to $file" >&2
fi
