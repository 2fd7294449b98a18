#!/usr/bin/env bash
# bots_*: ./bots.sh [BOT_ID]                   bots, and a bot's conversations and analytics
#         ./bots.sh next CURSOR                the next page of bots (Botpress Cloud)
#         ./bots.sh deploy BOT_ID [VERSION] [force]   (write:bots)
# Against the local stack (Botpress (test double)): bot_support on Cloud (tenant default),
# welcome-bot on v12 (tenant selfhosted: SMARTERMCP_API_TOKEN=$(cat examples/local-stack/.state/selfhosted-token)).
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  deploy)
    body="{\"bot_id\": \"$2\""
    [[ -n "${3:-}" ]] && body+=", \"version\": \"$3\""
    [[ "${4:-}" == force ]] && body+=", \"force\": true"
    tool bots_deploy "$body}"
    ;;
  next) tool bots_list "{\"cursor\": \"$2\"}" ;;
  "")   tool bots_list ;;
  *)
    tool bots_list
    tool bots_conversations "{\"bot_id\": \"$1\", \"limit\": 10, \"last_messages\": 3}"
    tool bots_analytics "{\"bot_id\": \"$1\", \"period\": \"7d\"}"
    ;;
esac
