// The benchmark's peer: the same trivial tool as SmarterMCP's benchmark build (services_list
// answering three constant services at once) on a minimal server of the official TypeScript MCP
// SDK, over Streamable HTTP with sessions (one McpServer per session, as the SDK's examples do).
// It checks the bearer token with a plain string comparison (SmarterMCP hashes it and looks it up
// in its store). No output schema, so the SDK does not validate the result: the peer does no more
// work than it must. The real-tool workload: docs_services answers a constant text, SmarterMCP's own
// answer to docs_services {"service_id":"n8n"} kept by the runner in ANSWER_FILE (about 5 KB), as text
// content and as structured content, as SmarterMCP does.
// Usage: node trivial-server.mjs PORT TOKEN [ANSWER_FILE]; prints READY when listening.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

const [port, token, answerFile] = process.argv.slice(2);
const ANSWER_TEXT = answerFile ? readFileSync(answerFile, 'utf8') : undefined;
const ANSWER = ANSWER_TEXT ? JSON.parse(ANSWER_TEXT) : undefined;
const expected = `Bearer ${token}`;

const SERVICES = {
  services: [
    { id: 'web', name: 'Web shop', type: 'frontend', state: 'running', health: 'healthy', container: 'web-1', image: 'registry.local/web', version: '2.4.1' },
    { id: 'api', name: 'Orders API', type: 'backend', state: 'running', health: 'healthy', container: 'api-1', image: 'registry.local/api', version: '1.9.0' },
    { id: 'db', name: 'PostgreSQL', type: 'infrastructure', state: 'running', container: 'db-1', image: 'postgres', version: '16' },
  ],
  count: 3,
};

function newServer() {
  const server = new McpServer({ name: 'ts-sdk-peer', version: '1.0.0' });
  server.registerTool('services_list', {
    description: 'List the services registered for this tenant with the live state, image and version of each one\'s container.',
    inputSchema: { filter: z.enum(['all', 'frontend', 'backend', 'infrastructure']).optional() },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  }, async () => ({
    content: [{ type: 'text', text: JSON.stringify(SERVICES) }],
    structuredContent: SERVICES,
  }));
  if (ANSWER) {
    server.registerTool('docs_services', {
      description: 'How a supported service (n8n, Docker, Prometheus, ...) is reached and which tools use it.',
      inputSchema: { service_id: z.string() },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    }, async () => ({
      content: [{ type: 'text', text: ANSWER_TEXT }],
      structuredContent: ANSWER,
    }));
  }
  return server;
}

const transports = new Map();

function fail(res, status, message) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

http.createServer(async (req, res) => {
  try {
    if (!req.url.startsWith('/mcp')) return fail(res, 404, 'not found');
    if (req.headers.authorization !== expected) return fail(res, 401, 'Unauthorized');
    const sessionId = req.headers['mcp-session-id'];
    if (req.method === 'POST') {
      const body = await readJson(req);
      let transport = sessionId ? transports.get(sessionId) : undefined;
      if (!transport) {
        if (sessionId || !isInitializeRequest(body)) return fail(res, sessionId ? 404 : 400, 'no such session');
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => transports.set(id, transport),
        });
        transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
        await newServer().connect(transport);
      }
      return await transport.handleRequest(req, res, body);
    }
    const transport = sessionId && transports.get(sessionId);
    if (!transport) return fail(res, 404, 'no such session');
    return await transport.handleRequest(req, res);
  } catch (err) {
    if (!res.headersSent) fail(res, 500, 'internal error');
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`READY ${port} sessions-map`));
