#!/usr/bin/env bash
# support_*: ./support.sh [QUERY]   open conversations, a search, agents, and last week's metrics
source "$(dirname "$0")/common.sh"

tool support_conversations_list '{"status": "open", "limit": 10}'
tool support_conversations_search "{\"query\": \"${1:-invoice}\"}"
tool support_agents_status
tool support_metrics '{"period": "week"}'
