#!/usr/bin/env bash
# workflows_*: ./workflows.sh                         list active workflows
#              ./workflows.sh trigger WORKFLOW_ID     (write:workflows) then its execution status
#              ./workflows.sh status EXECUTION_ID
#              ./workflows.sh create NAME FILE.json   (write:workflows) an n8n export
source "$(dirname "$0")/common.sh"

case "${1:-list}" in
  trigger) tool workflows_trigger "{\"workflow_id\": \"$2\", \"input_data\": {\"source\": \"curl\"}}" ;;
  status)  tool workflows_status "{\"execution_id\": \"$2\"}" ;;
  create)  tool workflows_create "{\"name\": \"$2\", \"workflow_json\": $(cat "$3")}" ;;
  *)       tool workflows_list '{"active": true}' ;;
esac
