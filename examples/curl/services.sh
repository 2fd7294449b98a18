#!/usr/bin/env bash
# services_*: ./services.sh                    list, health, logs of the first argument or n8n
#             ./services.sh restart SERVICE_ID  (write:services)
#             ./services.sh deploy SERVICE_ID VERSION  (write:services)
source "$(dirname "$0")/common.sh"

case "${1:-read}" in
  restart) tool services_restart "{\"service_id\": \"$2\"}" ;;
  deploy)  tool services_deploy "{\"service_id\": \"$2\", \"version\": \"$3\"}" ;;
  *)
    service="${1:-n8n}"
    [[ "$service" == read ]] && service=n8n
    tool services_list '{"filter": "all"}'
    tool services_health
    tool services_health "{\"service_id\": \"$service\"}"
    tool services_logs "{\"service_id\": \"$service\", \"lines\": 20}"
    ;;
esac
