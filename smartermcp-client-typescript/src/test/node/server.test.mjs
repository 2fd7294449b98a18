// The SDK against a real server started by the Maven harness (TypeScriptSdkIT): its URL and the admin
// token of tenant "default" come in SMARTERMCP_URL and SMARTERMCP_API_TOKEN. Tenant "default" has the
// Odoo, Chatwoot and Metabase test doubles and PostgreSQL; no n8n, Docker or Botpress. Tenant
// "limited" allows one call at once, six a minute.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  BackendNotConfiguredError, ForbiddenError, RateLimitedError, ServiceUnavailableError, SmarterMCP,
  SmarterMcpTimeoutError, TransportError, UnauthorizedError,
} from '../../../dist/index.js';

const baseUrl = process.env.SMARTERMCP_URL;
let admin;

before(() => {
  assert.ok(baseUrl, 'SMARTERMCP_URL is set by the harness');
  admin = SmarterMCP.fromEnvironment();
});

async function issue(scopes, tenantId) {
  const name = `ts-sdk-${Math.random().toString(36).slice(2, 8)}`;
  const issued = await admin.admin.issueToken({ name, scopes, tenantId });
  return { ...issued, name };
}

test('lists the tools the token may call', async () => {
  // the catalog is honest: tools() lists what the tenant can serve, allTools() the whole catalog
  const all = await admin.allTools();
  assert.equal(all.tools.length, 35);
  const served = (await admin.tools()).tools.map((t) => t.name);
  assert.ok(served.includes('crm_contacts_list') && served.includes('docs_services'));
  assert.ok(!served.includes('workflows_list'));
  const reader = await issue(['read:crm']);
  const scoped = new SmarterMCP({ apiToken: reader.apiToken, baseUrl });
  const names = (await scoped.tools()).tools.map((t) => t.name).sort();
  assert.deepEqual(names, ['crm_contacts_list', 'crm_contacts_search', 'crm_opportunities_list', 'crm_pipeline_status']);
});

test('issues a scoped token, lists and revokes it', async () => {
  const issued = await issue(['read:services', 'read:analytics']);
  assert.match(issued.apiToken, /^smcp_/);
  assert.deepEqual([...issued.scopes].sort(), ['read:analytics', 'read:services']);
  const listed = (await admin.admin.tokens()).tokens;
  const mine = listed.find((t) => t.name === issued.name);
  assert.ok(mine, 'the new token is listed');
  assert.ok(!JSON.stringify(listed).includes(issued.apiToken), 'the list never shows a token');
  const client = new SmarterMCP({ apiToken: issued.apiToken, baseUrl });
  await client.services.list();
  await admin.admin.revokeToken(mine.id);
  await assert.rejects(client.services.list(), UnauthorizedError);
});

test('services: the registry with live state, health and logs', async () => {
  const backends = await admin.services.list({ filter: 'backend' });
  assert.deepEqual(backends.services.map((s) => s.id).sort(), ['metabase', 'odoo']);
  const frontends = await admin.services.list({ filter: 'frontend' });
  assert.equal(frontends.services.length, 1);
  assert.equal(frontends.services[0].id, 'web');
  assert.equal(frontends.services[0].state, 'running');
  const health = await admin.services.health({ serviceId: 'metabase' });
  assert.ok(JSON.stringify(health).includes('metabase'));
  const logs = await admin.services.logs({ serviceId: 'web', lines: 1 });
  assert.deepEqual(logs.lines.map((l) => l.text), ['GET / 200']);
});

test('infrastructure: the Docker engine and its containers', async () => {
  const running = await admin.infrastructure.containers({ filter: 'running' });
  assert.ok(running.containers.some((c) => c.name === process.env.SMARTERMCP_TEST_CONTAINER));
  const status = await admin.infrastructure.status();
  assert.ok(status.containers.running > 0);
});

test('analytics: KPIs and dashboards from Metabase (test double)', async () => {
  const kpis = await admin.analytics.kpis({ kpis: ['revenue_mtd', 'conversion_rate'] });
  assert.deepEqual(kpis.kpis.map((k) => k.name), ['revenue_mtd', 'conversion_rate']);
  assert.equal(kpis.ok, 2);
  assert.equal(typeof kpis.kpis[0].value, 'number');
  assert.ok(kpis.kpis[0].computedAt instanceof Date, 'date-times are Dates');
  const dashboards = await admin.analytics.dashboards();
  assert.ok(dashboards.dashboards.length > 0);
});

test('crm: contacts and pipeline from Odoo (test double)', async () => {
  const page = await admin.crm.contacts.list({ limit: 5 });
  assert.ok(page.contacts.length > 0 && page.contacts.length <= 5);
  const first = page.contacts[0];
  const found = await admin.crm.contacts.search({ query: first.name });
  assert.ok(found.contacts.some((c) => c.id === first.id));
  const pipeline = await admin.crm.pipeline();
  assert.ok(Array.isArray(pipeline.stages));
});

test('support: conversations, agents and metrics from Chatwoot (test double)', async () => {
  const conversations = await admin.support.conversations({ limit: 3 });
  assert.ok(conversations.conversations.length > 0);
  const agents = await admin.support.agents();
  assert.ok(agents.total > 0);
  const metrics = await admin.support.metrics({ period: 'week' });
  assert.equal(metrics.period, 'week');
});

test('documentation and codegen need no backend', async () => {
  const docs = await admin.documentation.service({ serviceId: 'n8n' });
  assert.equal(docs.serviceId, 'n8n');
  const schema = await admin.documentation.schemas({ database: 'public' });
  assert.equal(typeof schema.totalTables, 'number');
  const workflow = await admin.codegen.n8nWorkflow({ description: 'Backup smarteros database daily at 2am', services: ['postgresql'] });
  assert.ok(Array.isArray(workflow.workflow.nodes));
  const generated = await admin.codegen.apiClient({ serviceId: 'n8n', language: 'typescript' });
  assert.ok(generated.files.length > 0);
});

test('a backend that is not configured is a BackendNotConfiguredError', async () => {
  const error = await admin.workflows.list().then(() => assert.fail('n8n is not configured'), (e) => e);
  assert.ok(error instanceof BackendNotConfiguredError, `${error.name}: ${error.message}`);
  assert.ok(error instanceof ServiceUnavailableError);
  assert.equal(error.service, 'n8n');
  assert.match(error.message, /n8n/);
});

test('a missing scope is a ForbiddenError naming it', async () => {
  const reader = await issue(['read:services']);
  const client = new SmarterMCP({ apiToken: reader.apiToken, baseUrl });
  const error = await client.crm.contacts.search({ query: 'acme' }).then(() => assert.fail('no read:crm'), (e) => e);
  assert.ok(error instanceof ForbiddenError, `${error.name}: ${error.message}`);
  assert.equal(error.status, 403);
  assert.equal(error.requiredScope, 'read:crm');
});

test('over the limit is a RateLimitedError with its retry time', async () => {
  const limited = await issue(['read:services'], 'limited');
  const client = new SmarterMCP({ apiToken: limited.apiToken, baseUrl });
  let error;
  for (let i = 0; i < 5 && !error; i++) {
    await client.documentation.service({ serviceId: 'n8n' }).catch((e) => { error = e; });
  }
  assert.ok(error instanceof RateLimitedError, `${error?.name}: ${error?.message}`);
  assert.equal(error.status, 429);
  assert.ok(error.retryAfterSeconds > 0, `retry after ${error.retryAfterSeconds} s`);
  assert.match(error.message, /Rate limit exceeded/);
});

test('a server that does not answer in time is a SmarterMcpTimeoutError; none at all a TransportError', async () => {
  const { createServer } = await import('node:http');
  const silent = createServer(() => {});
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = silent.address().port;
  try {
    const client = new SmarterMCP({ apiToken: 'smcp_x', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    await assert.rejects(client.services.list(), SmarterMcpTimeoutError);
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
  const gone = new SmarterMCP({ apiToken: 'smcp_x', baseUrl: `http://127.0.0.1:${port}` });
  await assert.rejects(gone.services.list(), TransportError);
});
