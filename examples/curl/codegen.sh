#!/usr/bin/env bash
# generate_*: ./codegen.sh   an n8n workflow, a Botpress skill, an API client
source "$(dirname "$0")/common.sh"

tool generate_n8n_workflow '{"description": "every day at 2am back up the orders table and post a summary to Slack", "services": ["postgres", "slack"]}'
tool generate_botpress_skill '{"description": "look up an order status by order number"}'
tool generate_api_client '{"service_id": "n8n", "language": "python"}'
