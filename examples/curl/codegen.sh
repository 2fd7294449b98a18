#!/usr/bin/env bash
# generate_*: ./codegen.sh                       an n8n workflow and an API client
#             ./codegen.sh skill [DESCRIPTION]   a Botpress skill. Its code is written by the model of an MCP
#                                                client that offers sampling, so over REST (this script) the
#                                                server answers 503 and says so; ask for it from such a client.
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  skill)
    description="${2:-look up an order status by order number}"
    description=${description//\\/\\\\}
    tool generate_botpress_skill "{\"description\": \"${description//\"/\\\"}\"}"
    ;;
  *)
    tool generate_n8n_workflow '{"description": "every day at 2am back up the orders table and post a summary to Slack", "services": ["postgres", "slack"]}'
    tool generate_api_client '{"service_id": "n8n", "language": "python"}'
    ;;
esac
