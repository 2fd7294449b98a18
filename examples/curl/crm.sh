#!/usr/bin/env bash
# crm_*: ./crm.sh [QUERY]                          contacts, search, opportunities, pipeline
#        ./crm.sh upsert NAME EMAIL                (write:crm)
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  upsert) tool crm_contacts_upsert "{\"contact\": {\"name\": \"$2\", \"email\": \"$3\"}}" ;;
  *)
    tool crm_contacts_list '{"limit": 10}'
    tool crm_contacts_search "{\"query\": \"${1:-a}\"}"
    tool crm_opportunities_list
    tool crm_pipeline_status
    ;;
esac
