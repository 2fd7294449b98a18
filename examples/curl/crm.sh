#!/usr/bin/env bash
# crm_* (Odoo): ./crm.sh [QUERY]                   contacts (paged), leads, search, opportunities, pipeline
#               ./crm.sh upsert NAME EMAIL         (write:crm) creates the contact, or updates the one with that email
# Against the local stack: Odoo (test double), tenant default = company 2 "Acme Chile".
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  upsert) tool crm_contacts_upsert "{\"contact\": {\"name\": \"$2\", \"email\": \"$3\"}}" ;;
  *)
    tool crm_contacts_list '{"limit": 2}'
    tool crm_contacts_list '{"limit": 50, "filter": {"country": "CL", "type": "company"}}'
    tool crm_contacts_list '{"filter": {"type": "lead"}}'
    tool crm_contacts_search "{\"query\": \"${1:-andes}\"}"
    tool crm_opportunities_list '{"limit": 10}'
    tool crm_pipeline_status
    ;;
esac
