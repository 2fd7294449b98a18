#!/usr/bin/env bash
# support_* (Chatwoot): ./support.sh [QUERY]
#   open conversations (30 of them), the unassigned ones, one agent's conversations, a search by
#   conversation number, by contact email and by text (QUERY, default "refund request"), agents' availability,
#   and this week's metrics against the previous week so far (needs a Chatwoot administrator token).
# The local stack serves Chatwoot with the Chatwoot (test double): its seeded agents, contacts and conversations.
source "$(dirname "$0")/common.sh"

tool support_conversations_list '{"status": "open", "limit": 30}'
tool support_conversations_list '{"status": "open", "assignee": "unassigned", "limit": 5}'
tool support_conversations_list '{"status": "all", "assignee": "Carla Online", "limit": 5}'
tool support_conversations_search '{"query": "#17"}'
tool support_conversations_search '{"query": "john@example.com"}'
tool support_conversations_search "{\"query\": \"${1:-refund request}\"}"
tool support_agents_status
tool support_metrics '{"period": "week"}'
