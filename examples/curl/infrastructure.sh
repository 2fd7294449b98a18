#!/usr/bin/env bash
# infra_* and containers_*: ./infrastructure.sh                  status, metrics, containers in error
#                           ./infrastructure.sh restart CONTAINER (write:services)
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  restart) tool containers_restart "{\"container_id\": \"$2\"}" ;;
  *)
    tool infra_status
    tool infra_metrics
    tool containers_list '{"filter": "error"}'
    ;;
esac
