// The mapping of answers to typed errors, and the retry rule, against a local stub: the cases the real
// server of the harness cannot be made to give (a proxy's page, an unknown code, the future
// backend_not_configured code, a Retry-After date).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';

import {
  BackendError, BackendNotConfiguredError, ForbiddenError, RateLimitedError, ServiceUnavailableError, SmarterMCP,
  SmarterMcpError, fromProblem,
} from '../../../dist/index.js';

const problem = (status, members) => fromProblem('op', status, new Headers(), JSON.stringify({ status, ...members }));

test('a problem is typed by its code', () => {
  const forbidden = problem(403, { code: 'forbidden', title: 'Forbidden', detail: 'needs read:crm', required_scope: 'read:crm' });
  assert.ok(forbidden instanceof ForbiddenError);
  assert.equal(forbidden.requiredScope, 'read:crm');
  assert.equal(forbidden.message, 'op: needs read:crm');
});

test('not configured: by its own code, and by the 503 detail servers said it with before', () => {
  const coded = problem(503, { code: 'backend_not_configured', title: 'Not configured', service: 'odoo' });
  assert.ok(coded instanceof BackendNotConfiguredError && coded.service === 'odoo');
  const older = problem(503, { code: 'service_unavailable', title: 'Service Unavailable', service: 'n8n',
    detail: "Service 'n8n' is currently unavailable: the n8n backend is not configured for this tenant" });
  assert.ok(older instanceof BackendNotConfiguredError);
  const down = problem(503, { code: 'service_unavailable', title: 'Service Unavailable', detail: "Service 'n8n' is currently unavailable" });
  assert.ok(down instanceof ServiceUnavailableError && !(down instanceof BackendNotConfiguredError));
});

test('an unknown code is typed by the status; a body that is no problem is never quoted', () => {
  assert.ok(problem(502, { code: 'something_new', title: 'New' }) instanceof BackendError);
  const page = fromProblem('op', 502, new Headers(), '<html>secret proxy page</html>');
  assert.ok(page instanceof BackendError);
  assert.ok(!page.message.includes('secret'));
  const teapot = fromProblem('op', 418, new Headers(), '');
  assert.ok(teapot instanceof SmarterMcpError && teapot.code === 'http_418');
});

test('Retry-After in seconds, as an HTTP date, or from the problem', () => {
  const seconds = fromProblem('op', 429, new Headers({ 'Retry-After': '7' }), JSON.stringify({ code: 'rate_limited', title: 'x' }));
  assert.ok(seconds instanceof RateLimitedError && seconds.retryAfterSeconds === 7);
  const date = new Date(Date.now() + 120_000).toUTCString();
  const dated = fromProblem('op', 429, new Headers({ 'Retry-After': date }), JSON.stringify({ code: 'rate_limited', title: 'x' }));
  assert.ok(dated.retryAfterSeconds > 60 && dated.retryAfterSeconds <= 120);
  const member = fromProblem('op', 429, new Headers(), JSON.stringify({ code: 'rate_limited', title: 'x', retry_after_seconds: 3 }));
  assert.equal(member.retryAfterSeconds, 3);
});

test('with retryRateLimited a read is called again after Retry-After, a write never', async () => {
  const calls = [];
  const server = createServer((request, response) => {
    calls.push(request.url);
    request.resume();
    if (calls.filter((url) => url === request.url).length === 1) {
      response.writeHead(429, { 'Content-Type': 'application/problem+json', 'Retry-After': '0' });
      response.end(JSON.stringify({ code: 'rate_limited', title: 'Too Many Requests', status: 429 }));
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"count":0,"services":[]}');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new SmarterMCP({ apiToken: 'smcp_x', baseUrl: `http://127.0.0.1:${server.address().port}`, retryRateLimited: true });
    assert.equal((await client.services.list()).count, 0);
    await assert.rejects(client.services.restart({ serviceId: 'web' }), RateLimitedError);
  } finally {
    server.close();
  }
  assert.deepEqual(calls, ['/tools/services_list', '/tools/services_list', '/tools/services_restart']);
});
