#!/usr/bin/env bash
# Starts SmarterMCP on this machine with real backends, so the examples have something to call:
#   - n8n                      (../shared/peers/n8n/start.sh: a real n8n with an owner and an API key)
#   - a Docker Engine API      (../shared/peers/docker/start.sh: podman on a unix socket) and two demo
#                              containers registered as services (no network: NetworkMode none)
#   - PostgreSQL               (already running on 127.0.0.1:5432) through a read-only role made here, and a
#                              demo database smartermcp_demo with an orders table; n8n gets a credential for it
#   - Odoo (test double)       (smartermcp-test-support: Odoo cannot run here; the double serves the recorded
#                              Odoo 19 demo data plus a second company, Acme Chile, which the tenant is)
# then writes a tenants file pointing at them and starts the server jar (built first if missing).
#
# Usage: examples/local-stack/start.sh [STATE_DIR]        (default examples/local-stack/.state)
# Environment (all optional):
#   SMARTERMCP_PORT   server port, default 8080          N8N_PORT   n8n port, default 5678
#   BOTPRESS_PORT     Botpress (test double) port, default 3100
#   CHATWOOT_PORT     Chatwoot (test double) port, default 3300
#   METABASE_PORT     port of the Metabase (test double), default 3001
#   ODOO_PORT         port of Odoo (test double), default 8069
#   PGHOST / PGPORT / PGUSER   the PostgreSQL to use, default 127.0.0.1 / 5432 / postgres
#   SMARTERMCP_PEERS  folder of the peer scripts, default ../shared/peers beside the repository
#   SMARTERMCP_JAR    the server jar, default smartermcp-server/target/smartermcp-server.jar
# Every process it starts is written to STATE_DIR/pids; examples/local-stack/stop.sh stops exactly those.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${1:-$here/.state}
mkdir -p "$state"
chmod 700 "$state"
state=$(cd "$state" && pwd)
peers=${SMARTERMCP_PEERS:-$root/../shared/peers}
port=${SMARTERMCP_PORT:-8080}
n8n_port=${N8N_PORT:-5678}
chatwoot_port=${CHATWOOT_PORT:-3300}
metabase_port=${METABASE_PORT:-3001}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
jar=${SMARTERMCP_JAR:-$root/smartermcp-server/target/smartermcp-server.jar}
pids=$state/pids

say() { echo "local-stack: $*" >&2; }
fail() { say "$*"; exit 1; }

if [[ -s $pids ]]; then
  while read -r pid name; do
    if kill -0 "$pid" 2>/dev/null; then
      fail "already running ($name, pid $pid); run $here/stop.sh $state first"
    fi
  done <"$pids"
fi
: >"$pids"
: >"$state/containers"

# Anything that fails from here on stops what this run started so far.
trap 'code=$?; if ((code != 0)); then say "start failed (exit $code); stopping what was started"; "$here/stop.sh" "$state" >&2 || true; fi' EXIT

free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free "$port" || fail "port $port is in use; set SMARTERMCP_PORT"
free "$n8n_port" || fail "port $n8n_port is in use; set N8N_PORT"
[[ -x $peers/n8n/start.sh && -x $peers/docker/start.sh ]] || fail "no peer scripts in $peers; set SMARTERMCP_PEERS"
command -v psql >/dev/null || fail "psql is missing (Debian: apt-get install postgresql-client)"
command -v curl >/dev/null || fail "curl is missing"
command -v java >/dev/null || fail "java (17 or later) is missing"

# --- Docker Engine API (podman) and two demo containers ---------------------------------------------
say "starting the Docker Engine API (podman)..."
eval "$("$peers/docker/start.sh" "$state/docker.sock")"
echo "$DOCKER_SVC_PID docker" >>"$pids"
engine() { # METHOD PATH [JSON]
  curl -sS --fail-with-body --unix-socket "$state/docker.sock" -X "$1" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "http://d/v1.41$2"
}
demo() { # NAME SCRIPT
  engine DELETE "/containers/$1?force=true" >/dev/null 2>&1 || true
  local id
  id=$(engine POST "/containers/create?name=$1" \
    "{\"Image\":\"$DOCKER_TEST_IMAGE\",\"Cmd\":[\"sh\",\"-c\",\"$2\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}" |
    sed -n 's/.*"Id" *: *"\([0-9a-f]*\)".*/\1/p')
  [[ -n $id ]] || fail "could not create the demo container $1"
  engine POST "/containers/$id/start" >/dev/null
  echo "$1" >>"$state/containers"
}
demo smartermcp-demo-web 'echo web ready; while true; do echo GET / 200; sleep 30; done'
demo smartermcp-demo-orders 'echo orders-api ready; while true; do echo order processed; sleep 20; done'

# --- n8n -----------------------------------------------------------------------------------------
say "starting n8n on port $n8n_port (about 40 s; the first run installs it, several minutes)..."
eval "$("$peers/n8n/start.sh" "$n8n_port" "$state/n8n")"
echo "$N8N_PID n8n" >>"$pids"
(umask 077 && printf '%s' "$N8N_API_KEY" >"$state/n8n-api-key")

# --- backend test doubles (smartermcp-test-support) ----------------------------------------------
# Odoo, Chatwoot, Botpress and Metabase cannot run on this machine: the local stack serves them with
# the project's test doubles, each a class with a main in smartermcp-test-support, named "(test double)"
# wherever a user sees it. A double prints shell assignments (its URL and credentials) and a last
# line READY on its standard output, then serves until it is stopped.
doubles_cp=
doubles_classpath() {
  if [[ -z $doubles_cp ]]; then
    local jar=$root/smartermcp-test-support/target/smartermcp-test-support-0.1.0-SNAPSHOT.jar
    if [[ ! -f $jar ]]; then
      say "building the test doubles (first run)..."
      (cd "$root" && mvn -q -B -ntp -DskipTests -pl smartermcp-test-support -am install) >&2
    fi
    (cd "$root" && mvn -q -B -ntp -Dstyle.color=never dependency:build-classpath -pl smartermcp-test-support \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$state/doubles.cp") >&2
    doubles_cp=$jar:$(cat "$state/doubles.cp")
  fi
  printf '%s' "$doubles_cp"
}
start_double() { # NAME MAIN-CLASS PORT [ARGS...]: starts a double, records its PID, evaluates what it prints
  local name=$1 class=$2 dport=$3
  shift 3
  free "$dport" || fail "port $dport for the $name test double is in use"
  nohup java -cp "$doubles_cp" "$class" --port "$dport" "$@" >"$state/$name.out" 2>"$state/$name.log" </dev/null &
  echo "$! $name" >>"$pids"
  for _ in $(seq 1 60); do
    grep -qx READY "$state/$name.out" 2>/dev/null && break
    kill -0 "$!" 2>/dev/null || fail "the $name test double stopped; see $state/$name.log"
    sleep 0.5
  done
  grep -qx READY "$state/$name.out" || fail "the $name test double did not start in 30 s; see $state/$name.log"
  eval "$(grep -v -x READY "$state/$name.out")"
}

# once, here: start_double runs in this shell, but "$(doubles_classpath)" would run in a subshell each time
doubles_cp=$(doubles_classpath)
# (each connector's double is started here)
say "starting Chatwoot (test double) on port $chatwoot_port..."
start_double chatwoot cl.smartercl.mcp.testsupport.chatwoot.ChatwootDouble "$chatwoot_port"
(umask 077 && printf '%s' "$CHATWOOT_API_TOKEN" >"$state/chatwoot-api-token")

# Botpress (test double): Botpress Cloud (tenant default) and self-hosted v12 (tenant selfhosted) on one port
say "starting Botpress (test double) on port ${BOTPRESS_PORT:-3100}..."
start_double botpress cl.smartercl.mcp.testsupport.botpress.BotpressDouble "${BOTPRESS_PORT:-3100}" \
  --archives "$state/botpress-archives"
(umask 077 && printf '%s' "$BOTPRESS_CLOUD_TOKEN" >"$state/botpress-token" \
  && printf '%s' "$BOTPRESS_V12_PASSWORD" >"$state/botpress-password")
say "starting Metabase (test double) on port $metabase_port..."
start_double metabase cl.smartercl.mcp.testsupport.metabase.MetabaseDouble "$metabase_port"
(umask 077 && printf '%s' "$METABASE_API_KEY" >"$state/metabase-api-key")
odoo_port=${ODOO_PORT:-8069}
say "starting Odoo (test double) on port $odoo_port..."
start_double odoo-double cl.smartercl.mcp.testsupport.odoo.OdooDouble "$odoo_port"
(umask 077 && printf '%s' "$ODOO_CHILE_API_KEY" >"$state/odoo-api-key")

# --- PostgreSQL: a read-only role for docs_schemas -------------------------------------------------
pg_password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
psql -q -v ON_ERROR_STOP=1 -d postgres -v pw="$pg_password" >/dev/null <<'SQL'
SELECT format('CREATE ROLE smartermcp_reader LOGIN PASSWORD %L', :'pw')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smartermcp_reader') \gexec
ALTER ROLE smartermcp_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
ALTER ROLE smartermcp_reader SET default_transaction_read_only = on;
GRANT pg_read_all_data TO smartermcp_reader;
SQL
(umask 077 && printf '%s' "$pg_password" >"$state/pg-password")
# the demo database: an orders table for docs_schemas and for the backup workflow of the agent walk-through
psql -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<'SQL'
SELECT 'CREATE DATABASE smartermcp_demo' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'smartermcp_demo') \gexec
SQL
psql -q -v ON_ERROR_STOP=1 -d smartermcp_demo >/dev/null <<'SQL'
CREATE TABLE IF NOT EXISTS public.orders (
  id serial PRIMARY KEY,
  customer text NOT NULL,
  total numeric(10, 2) NOT NULL,
  status text NOT NULL DEFAULT 'open',
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.orders IS 'Demo orders of the local stack';
INSERT INTO public.orders (customer, total, status)
  SELECT * FROM (VALUES ('Acme Chile', 1250.00, 'paid'), ('Andes Foods', 380.50, 'open'),
                        ('Patagonia Tours', 2999.90, 'shipped')) AS seed(customer, total, status)
  WHERE NOT EXISTS (SELECT 1 FROM public.orders);
SQL

# --- n8n's PostgreSQL credential (public API), so a workflow with a Postgres node can run ------------
# Made again on every start: the reader's password changes on every start.
n8n_api() { # METHOD PATH [JSON]: the API key goes to curl on standard input, not on its command line
  curl -sS --fail-with-body -m 30 -X "$1" -H @- -H 'Content-Type: application/json' ${3:+-d "$3"} \
    "$N8N_URL/api/v1$2" <<<"X-N8N-API-KEY: $N8N_API_KEY"
}
credential_file=$state/n8n-postgres-credential
if [[ -s $credential_file ]]; then
  n8n_api DELETE "/credentials/$(cat "$credential_file")" >/dev/null 2>&1 || true
fi
n8n_credential_name=smartermcp-demo-postgres
n8n_credential=$(n8n_api POST /credentials "$(cat <<JSON
{"name": "$n8n_credential_name", "type": "postgres",
 "data": {"host": "$PGHOST", "port": $PGPORT, "database": "smartermcp_demo", "user": "smartermcp_reader",
          "password": "$pg_password", "ssl": "disable", "allowUnauthorizedCerts": false, "maxConnections": 10,
          "sshTunnel": false}}
JSON
)" | sed -n 's/^{"id" *: *"\([^"]*\)".*/\1/p; s/.*[{,]"id" *: *"\([^"]*\)".*/\1/p' | head -1)
[[ -n $n8n_credential ]] || fail "could not create n8n's PostgreSQL credential; see $state/n8n/n8n.log"
printf '%s' "$n8n_credential" >"$credential_file"

# --- the tenants file: secrets stay in their own files (file:...) -----------------------------------
cat >"$state/tenants.yaml" <<YAML
# Written by examples/local-stack/start.sh; rewritten on every start.
tenants:
  default:
    backends:
      n8n: { url: "$N8N_URL", api-key: "file:$state/n8n-api-key" }
      docker: { host: "$DOCKER_HOST" }
      supabase: { url: "r2dbc:postgresql://$PGHOST:$PGPORT/smartermcp_demo", username: smartermcp_reader, password: "file:$state/pg-password" }
      botpress: { flavour: cloud, url: "$BOTPRESS_URL", workspace-id: "$BOTPRESS_CLOUD_WORKSPACE", token: "file:$state/botpress-token" }
      # Chatwoot (test double): seeded data, not a real Chatwoot
      chatwoot: { url: "$CHATWOOT_URL", account-id: $CHATWOOT_ACCOUNT_ID, api-token: "file:$state/chatwoot-api-token", timezone: UTC }
      # Metabase (test double): its seeded "Acme analytics" collection and warehouse
      metabase: { url: "$METABASE_URL", api-key: "file:$state/metabase-api-key", collection-id: $METABASE_COLLECTION_ID, database-id: $METABASE_DATABASE_ID }
      # Odoo (test double): company $ODOO_CHILE_COMPANY_ID "Acme Chile", its own Odoo user (one user per tenant)
      odoo: { url: "$ODOO_URL", database: "$ODOO_DB", username: "$ODOO_CHILE_USER", api-key: "file:$state/odoo-api-key", protocol: auto, company-ids: [$ODOO_CHILE_COMPANY_ID], shared-records: exclude }
    kpis:
      revenue_mtd: { question: 1, format: currency, unit: USD }
      conversion_rate: { question: 2, format: percent }
      average_order: { question: 4, format: currency, unit: USD }
    services:
      - id: n8n
        name: N8N
        type: backend
        health: backend
      - id: metabase
        name: Metabase (test double)
        type: backend
        health: backend
      - id: odoo
        name: Odoo (test double)
        type: backend
        health: backend
      - id: orders-api
        name: Orders API (demo container)
        type: backend
        container: smartermcp-demo-orders
      - id: web
        name: Web front end (demo container)
        type: frontend
        container: smartermcp-demo-web
  selfhosted:
    backends:
      botpress:
        flavour: v12
        url: "$BOTPRESS_URL"
        workspace-id: "$BOTPRESS_V12_WORKSPACE"
        email: "$BOTPRESS_V12_EMAIL"
        password: "file:$state/botpress-password"
        archives: "$BOTPRESS_ARCHIVES"
YAML

# --- the server -----------------------------------------------------------------------------------
if [[ ! -f $jar ]]; then
  say "building the server jar (first run)..."
  (cd "$root" && mvn -q -B -ntp -DskipTests -pl smartermcp-server -am package) >&2
fi
token_file=$state/admin-token
if [[ ! -s $token_file ]]; then
  # the store keeps the first admin token it is given, so one token per state folder
  (umask 077 && printf 'smcp_local_%s' "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$token_file")
fi
admin_token=$(cat "$token_file")
say "starting the server on port $port..."
SERVER_PORT=$port SMARTERMCP_ADMIN_TOKEN=$admin_token SMARTERMCP_DATA_DIR=$state/data \
  SMARTERMCP_TENANTS_FILE=$state/tenants.yaml \
  nohup java -jar "$jar" >"$state/server.log" 2>&1 </dev/null &
server_pid=$!
echo "$server_pid server" >>"$pids"
url=http://127.0.0.1:$port
# Wait for THIS server to have bound the port (its own log says so; another process that took the port
# meanwhile could answer /health too), then for it to accept our admin token.
for _ in $(seq 1 180); do
  grep -q "Started SmarterMcpApplication" "$state/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server stopped; see $state/server.log"
  sleep 1
done
grep -q "Netty started on port $port " "$state/server.log" || fail "the server did not start in 180 s; see $state/server.log"
status=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "Authorization: Bearer $admin_token" "$url/tools" || true)
[[ $status == 200 ]] || fail "the server on port $port answered GET /tools with HTTP $status; see $state/server.log"

# a token of tenant selfhosted (Botpress v12 on the test double): tokens belong to one tenant
selfhosted=$(curl -sS --fail-with-body -m 10 -H @- -H 'Content-Type: application/json' \
  -d '{"name":"local-stack-selfhosted","tenant_id":"selfhosted","scopes":["read:bots","write:bots","read:services"]}' \
  "$url/auth/token" <<<"Authorization: Bearer $admin_token" | sed -n 's/.*"api_token" *: *"\([^"]*\)".*/\1/p')
[[ -n $selfhosted ]] || fail "could not issue the token of tenant selfhosted; see $state/server.log"
(umask 077 && printf '%s' "$selfhosted" >"$state/selfhosted-token")

cat >"$state/env" <<ENV
export SMARTERMCP_URL=$url
export SMARTERMCP_API_TOKEN=$admin_token
export N8N_POSTGRES_CREDENTIAL_ID=$n8n_credential
export N8N_POSTGRES_CREDENTIAL_NAME=$n8n_credential_name
ENV
chmod 600 "$state/env"
trap - EXIT
cat <<DONE
SmarterMCP is running at $url (n8n at $N8N_URL with the PostgreSQL credential $n8n_credential_name (id $n8n_credential),
Docker API at $DOCKER_HOST, PostgreSQL as smartermcp_reader on the database smartermcp_demo,
Chatwoot (test double) at $CHATWOOT_URL,
Botpress (test double) at $BOTPRESS_URL: Cloud for tenant default, v12 for tenant selfhosted,
whose token is in $state/selfhosted-token,
Metabase (test double) at $METABASE_URL,
Odoo (test double) at $ODOO_URL)
Admin token (tenant default, every scope): $admin_token
Use the examples with:
export SMARTERMCP_URL=$url
export SMARTERMCP_API_TOKEN=$admin_token
export N8N_POSTGRES_CREDENTIAL_ID=$n8n_credential
export N8N_POSTGRES_CREDENTIAL_NAME=$n8n_credential_name
(or: source $state/env)   Stop everything with: $here/stop.sh${1:+ $state}
DONE
