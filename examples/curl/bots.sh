#!/usr/bin/env bash
# bots_*: ./bots.sh [BOT_ID]          bots, and a bot's conversations and analytics
#         ./bots.sh deploy BOT_ID     (write:bots)
source "$(dirname "$0")/common.sh"

case "${1:-}" in
  deploy) tool bots_deploy "{\"bot_id\": \"$2\"}" ;;
  "")     tool bots_list ;;
  *)
    tool bots_list
    tool bots_conversations "{\"bot_id\": \"$1\", \"limit\": 10}"
    tool bots_analytics "{\"bot_id\": \"$1\", \"period\": \"week\"}"
    ;;
esac
