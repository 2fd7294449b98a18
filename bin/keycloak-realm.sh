#!/usr/bin/env bash
# Sets up a Keycloak realm as the OAuth 2.1 authorization server of SmarterMCP, through Keycloak's
# admin REST API only (docs/oauth.md explains each step). Needs bash, curl and sed. Idempotent only on
# a realm it creates: it refuses to touch a realm that exists.
#
#   KEYCLOAK_URL=http://127.0.0.1:8180 KEYCLOAK_ADMIN=admin KEYCLOAK_ADMIN_PASSWORD=... \
#   SMARTERMCP_OAUTH_RESOURCE=https://mcp.example.com/mcp bin/keycloak-realm.sh
#
# Settings (environment):
#   KEYCLOAK_URL              Keycloak's base URL (required)
#   KEYCLOAK_ADMIN            an admin of the master realm (required), KEYCLOAK_ADMIN_PASSWORD its password
#   SMARTERMCP_OAUTH_RESOURCE the server's resource URI: the audience of every token (required)
#   REALM                     the realm to create (default smartermcp)
#   TENANT_CLAIM              the claim carrying the tenant (default tenant_id, as SMARTERMCP_OAUTH_TENANT_CLAIM)
#   TENANTS                   tenant ids to create a group for (default "default"): group tenant-<id>
#                             with the attribute tenant_id=<id>; a user's tenant is the group it is in
#   DCR_TRUSTED_HOSTS         hosts allowed to register clients dynamically without a token, space
#                             separated (e.g. "claude.ai claude.com chatgpt.com"); unset leaves
#                             Keycloak's default policy (registration only from trusted hosts, none)
#   INTROSPECTION_CLIENT      also create a confidential client of that id for SmarterMCP to introspect
#                             tokens as (RFC 7662, SMARTERMCP_OAUTH_INTROSPECTION_*); prints its settings
#   TEST_FIXTURES=1           also create what the integration tests use (clients and users below)
#
# Prints shell assignments: OAUTH_ISSUER=...; with INTROSPECTION_CLIENT the SMARTERMCP_OAUTH_INTROSPECTION_*
# settings (its secret among them: keep the output private); with TEST_FIXTURES the test clients' secrets.
set -euo pipefail

: "${KEYCLOAK_URL:?KEYCLOAK_URL is required}" "${KEYCLOAK_ADMIN:?KEYCLOAK_ADMIN is required}"
: "${KEYCLOAK_ADMIN_PASSWORD:?KEYCLOAK_ADMIN_PASSWORD is required}"
: "${SMARTERMCP_OAUTH_RESOURCE:?SMARTERMCP_OAUTH_RESOURCE (the audience of the tokens) is required}"
REALM=${REALM:-smartermcp}
TENANT_CLAIM=${TENANT_CLAIM:-tenant_id}
TENANTS=${TENANTS:-default}
KEYCLOAK_URL=${KEYCLOAK_URL%/}
SCOPES="read:services write:services read:workflows write:workflows read:analytics read:crm write:crm
        read:support read:bots write:bots admin:tenants"

fail() { echo "keycloak-realm.sh: $*" >&2; exit 1; }

# an admin token of the master realm (admin-cli is Keycloak's own public client for this)
admin_token() {
  curl -sf "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KEYCLOAK_ADMIN" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
TOKEN=$(admin_token) || true
[[ -n $TOKEN ]] || fail "could not log in to $KEYCLOAK_URL as $KEYCLOAK_ADMIN"

# api METHOD PATH [JSON]: the admin API of the realm; fails on any status but 2xx; prints the body
api() {
  local out status
  out=$(curl -s -w '\n%{http_code}' -X "$1" "$KEYCLOAK_URL/admin/realms$2" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' ${3:+--data "$3"})
  status=${out##*$'\n'}
  [[ $status == 2* ]] || fail "$1 $2 answered $status: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}

# create PATH JSON: POSTs and prints the id of what was created (the last segment of Location)
create() {
  local headers status
  headers=$(curl -s -D - -o /dev/null -X POST "$KEYCLOAK_URL/admin/realms$1" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data "$2")
  status=$(printf '%s' "$headers" | sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p')
  [[ $status == 201 ]] || fail "POST $1 answered $status"
  printf '%s' "$headers" | tr -d '\r' | sed -n 's|^[Ll]ocation: .*/\([^/]*\)$|\1|p'
}

first_id() { sed -n 's/^\[\{0,1\}{"id":"\([^"]*\)".*/\1/p'; }

if curl -sf -o /dev/null "$KEYCLOAK_URL/realms/$REALM"; then
  fail "realm '$REALM' exists already; remove it or choose another REALM"
fi

# 1. The realm. Access tokens live 5 minutes: clients refresh them, and a revoked session stops at expiry.
api POST "" "{\"realm\":\"$REALM\",\"enabled\":true,\"accessTokenLifespan\":300,\"sslRequired\":\"external\"}" >/dev/null

# The two mappers every SmarterMCP token needs. The audience: the SmarterMCP resource in "aud", which
# the server checks (a token minted for another service is refused). The tenant: the attribute
# tenant_id of the user's group (the user attribute mapper reads a group's attribute when the user has
# none of its own) in the claim TENANT_CLAIM.
aud_mapper="{\"name\":\"smartermcp-resource\",\"protocol\":\"openid-connect\",
  \"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.custom.audience\":\"$SMARTERMCP_OAUTH_RESOURCE\",
  \"access.token.claim\":\"true\",\"id.token.claim\":\"false\",\"introspection.token.claim\":\"true\"}}"
tenant_mapper="{\"name\":\"tenant\",\"protocol\":\"openid-connect\",
  \"protocolMapper\":\"oidc-usermodel-attribute-mapper\",\"config\":{\"user.attribute\":\"tenant_id\",
  \"claim.name\":\"$TENANT_CLAIM\",\"jsonType.label\":\"String\",\"multivalued\":\"false\",
  \"aggregate.attrs\":\"false\",\"access.token.claim\":\"true\",\"id.token.claim\":\"false\",
  \"introspection.token.claim\":\"true\",\"userinfo.token.claim\":\"false\"}}"

# 2. One client scope per SmarterMCP scope, its name in the token's "scope" claim
#    (include.in.token.scope). Realm default *optional* scopes: every client, dynamically registered
#    ones included, may ask for them, and gets only what it asks for. Each carries the audience and
#    tenant mappers: a client that names scopes when it registers (the TypeScript SDK, and so the
#    connectors built on it) is given those as its default scopes instead of the realm's, and its
#    tokens must still name the resource and the tenant.
scope_ids=()
for scope in $SCOPES; do
  id=$(create "/$REALM/client-scopes" "{\"name\":\"$scope\",\"protocol\":\"openid-connect\",
    \"description\":\"SmarterMCP $scope\",\"attributes\":{\"include.in.token.scope\":\"true\",
    \"display.on.consent.screen\":\"true\",\"consent.screen.text\":\"SmarterMCP: $scope\"},
    \"protocolMappers\":[$aud_mapper,$tenant_mapper]}")
  api PUT "/$REALM/default-optional-client-scopes/$id" >/dev/null
  scope_ids+=("$id")
done

# 3. The same mappers as realm *default* scopes, so that clients that ask for no SmarterMCP scope
#    (client credentials of a machine client, say) still get a token for this resource and tenant.
audience=$(create "/$REALM/client-scopes" "{\"name\":\"smartermcp-audience\",\"protocol\":\"openid-connect\",
  \"attributes\":{\"include.in.token.scope\":\"false\",\"display.on.consent.screen\":\"false\"},
  \"protocolMappers\":[$aud_mapper]}")
api PUT "/$REALM/default-default-client-scopes/$audience" >/dev/null
scope_ids+=("$audience")

# 4. The tenant claim, also a realm default scope.
tenant=$(create "/$REALM/client-scopes" "{\"name\":\"smartermcp-tenant\",\"protocol\":\"openid-connect\",
  \"attributes\":{\"include.in.token.scope\":\"false\",\"display.on.consent.screen\":\"false\"},
  \"protocolMappers\":[$tenant_mapper]}")
api PUT "/$REALM/default-default-client-scopes/$tenant" >/dev/null

for t in $TENANTS; do
  create "/$REALM/groups" "{\"name\":\"tenant-$t\",\"attributes\":{\"tenant_id\":[\"$t\"]}}" >/dev/null
done

# 5. Dynamic client registration (RFC 7591), which Claude and ChatGPT use: Keycloak allows anonymous
#    registration only from trusted hosts. Name the hosts of the connectors you use.
if [[ -n ${DCR_TRUSTED_HOSTS:-} ]]; then
  policy=$(api GET "/$REALM/components?type=org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy&name=Trusted%20Hosts" | first_id)
  [[ -n $policy ]] || fail "no Trusted Hosts registration policy in realm $REALM"
  hosts=$(printf '"%s",' $DCR_TRUSTED_HOSTS)
  api PUT "/$REALM/components/$policy" "{\"id\":\"$policy\",\"name\":\"Trusted Hosts\",
    \"providerId\":\"trusted-hosts\",\"providerType\":\"org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy\",
    \"parentId\":\"$(api GET "/$REALM" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')\",\"subType\":\"anonymous\",
    \"config\":{\"host-sending-registration-request-must-match\":[\"false\"],\"client-uris-must-match\":[\"true\"],
    \"trusted-hosts\":[${hosts%,}]}}" >/dev/null
fi

echo "OAUTH_ISSUER=$KEYCLOAK_URL/realms/$REALM"

secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# 6. Optional: the client SmarterMCP introspects tokens as. Confidential, with no flow of its own: it
#    only authenticates at the introspection endpoint.
if [[ -n ${INTROSPECTION_CLIENT:-} ]]; then
  introspection_secret=$(secret)
  create "/$REALM/clients" "{\"clientId\":\"$INTROSPECTION_CLIENT\",\"secret\":\"$introspection_secret\",
    \"publicClient\":false,\"serviceAccountsEnabled\":false,\"standardFlowEnabled\":false,
    \"directAccessGrantsEnabled\":false,\"implicitFlowEnabled\":false}" >/dev/null
  # Keycloak reports a token active only to a client in its audience: name the introspection client
  # there too, beside the resource URI, wherever the audience mapper is
  for id in "${scope_ids[@]}"; do
    api POST "/$REALM/client-scopes/$id/protocol-mappers/models" "{\"name\":\"smartermcp-introspection\",
      \"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",
      \"config\":{\"included.client.audience\":\"$INTROSPECTION_CLIENT\",\"access.token.claim\":\"true\",
      \"id.token.claim\":\"false\",\"introspection.token.claim\":\"true\"}}" >/dev/null
  done
  echo "SMARTERMCP_OAUTH_INTROSPECTION_URI=$KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token/introspect"
  echo "SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_ID=$INTROSPECTION_CLIENT"
  echo "SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET=$introspection_secret"
fi

[[ ${TEST_FIXTURES:-} == 1 ]] || exit 0

# ---- Test fixtures: what the integration tests use, never for production ----
group_id() { api GET "/$REALM/groups?search=tenant-$1&exact=true" | first_id; }

# a confidential client with the client-credentials and password grants; its service account is in
# the first tenant's group
tests_secret=$(secret)
tests=$(create "/$REALM/clients" "{\"clientId\":\"smartermcp-tests\",\"secret\":\"$tests_secret\",
  \"publicClient\":false,\"serviceAccountsEnabled\":true,\"directAccessGrantsEnabled\":true,
  \"standardFlowEnabled\":true,\"redirectUris\":[\"http://127.0.0.1/callback\"]}")
first_tenant=${TENANTS%% *}
sa=$(api GET "/$REALM/clients/$tests/service-account-user" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
api PUT "/$REALM/users/$sa/groups/$(group_id "$first_tenant")" >/dev/null

# a pre-registered public client, as an operator creates one for a connector by hand: authorization code
# with PKCE, no refresh tokens, every SmarterMCP scope available (the realm's optional scopes)
create "/$REALM/clients" "{\"clientId\":\"smartermcp-connector\",\"publicClient\":true,
  \"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,\"consentRequired\":true,
  \"redirectUris\":[\"http://127.0.0.1/callback\"],\"attributes\":{\"pkce.code.challenge.method\":\"S256\",
  \"use.refresh.tokens\":\"false\"}}" >/dev/null

# a client of another service: its tokens do not name the SmarterMCP resource in "aud"
other_secret=$(secret)
other=$(create "/$REALM/clients" "{\"clientId\":\"other-service\",\"secret\":\"$other_secret\",
  \"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false}")
api DELETE "/$REALM/clients/$other/default-client-scopes/$audience" >/dev/null
sa=$(api GET "/$REALM/clients/$other/service-account-user" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
api PUT "/$REALM/users/$sa/groups/$(group_id "$first_tenant")" >/dev/null

# users: one per tenant group (user-<tenant>), one without a tenant, one whose group names a tenant
# the server does not know
user() { # name [group]
  local id
  id=$(create "/$REALM/users" "{\"username\":\"$1\",\"enabled\":true,\"email\":\"$1@example.com\",
    \"emailVerified\":true,\"firstName\":\"$1\",\"lastName\":\"Test\",
    \"credentials\":[{\"type\":\"password\",\"value\":\"$USER_PASSWORD\",\"temporary\":false}]}")
  [[ -z ${2:-} ]] || api PUT "/$REALM/users/$id/groups/$(group_id "$2")" >/dev/null
}
USER_PASSWORD=$(secret)
for t in $TENANTS; do user "user-$t" "$t"; done
user no-tenant
create "/$REALM/groups" '{"name":"tenant-ghost","attributes":{"tenant_id":["ghost"]}}' >/dev/null
user ghost-tenant ghost

echo "TESTS_CLIENT_SECRET=$tests_secret"
echo "OTHER_CLIENT_SECRET=$other_secret"
echo "USER_PASSWORD=$USER_PASSWORD"
