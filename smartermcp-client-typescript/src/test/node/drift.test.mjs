// The facade against the OpenAPI document (as JSON, from the Maven build): every operation — the 35
// tools and the admin routes — is reached by some facade method, and the facade's write tools (never
// retried) are exactly the document's tools with readOnlyHint false. A tool added to the catalog
// without its SDK method fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'node:test';

import { SmarterMCP, WRITE_TOOLS } from '../../../dist/index.js';

const document = JSON.parse(readFileSync(process.env.SMARTERMCP_OPENAPI_JSON ?? 'target/openapi/openapi.json', 'utf8'));

function operations() {
  const found = new Map();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      found.set(`${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, 'x')}`, operation);
    }
  }
  return found;
}

test('the document has the 35 tools', () => {
  const tools = [...operations().values()].filter((o) => o['x-smartermcp-tool']);
  assert.equal(tools.length, 35);
});

test('the write tools are the document\'s tools that are not read-only', () => {
  const writes = [...operations().values()]
    .filter((o) => o['x-smartermcp-tool'] && o['x-smartermcp-annotations']?.readOnlyHint === false)
    .map((o) => o['x-smartermcp-tool']).sort();
  assert.ok(writes.length > 0);
  assert.deepEqual([...WRITE_TOOLS].sort(), writes);
});

test('every operation of the document is reachable through the facade', async () => {
  const reached = new Set();
  const server = createServer((request, response) => {
    reached.add(`${request.method} ${request.url}`);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new SmarterMCP({ apiToken: 'smcp_drift_test', baseUrl: `http://127.0.0.1:${server.address().port}` });
    const facades = [client, client.services, client.workflows, client.analytics, client.crm, client.crm.contacts,
      client.support, client.bots, client.infrastructure, client.documentation, client.codegen, client.admin];
    for (const facade of facades) {
      for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(facade))) {
        if (name === 'constructor' || typeof facade[name] !== 'function') {
          continue;
        }
        // a string for the methods that take an id, an object (the input model) for the others
        const argument = name === 'revokeToken' ? 'x' : { name: 'x', id: 'x', scopes: [] };
        // the stub's {} is no valid answer for most: only the request that reached it counts here
        await facade[name](argument).catch(() => {});
      }
    }
  } finally {
    server.close();
  }
  const expected = [...operations().keys()].sort();
  const missing = expected.filter((operation) => !reached.has(operation));
  assert.deepEqual(missing, [], `operations without a facade method: ${missing.join(', ')}`);
});
