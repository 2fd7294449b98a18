#!/usr/bin/env bash
# services_*: ./services.sh [SERVICE_ID]       list, health of all, health and logs of SERVICE_ID
#                                              (default orders-api: the local stack's demo container;
#                                              logs need a service with a container)
#             ./services.sh restart SERVICE_ID  (write:services)
#             ./services.sh deploy SERVICE_ID VERSION  (write:services)
source "$(dirname "$0")/common.sh"

case "${1:-read}" in
  restart) tool services_restart "{\"service_id\": \"$2\"}" ;;
  deploy)  tool services_deploy "{\"service_id\": \"$2\", \"version\": \"$3\"}" ;;
  *)
    service="${1:-orders-api}"
    [[ "$service" == read ]] && service=orders-api
    tool services_list '{"filter": "all"}'
    tool services_health
    tool services_health "{\"service_id\": \"$service\"}"
    tool services_logs "{\"service_id\": \"$service\", \"lines\": 20}"
    ;;
esac
