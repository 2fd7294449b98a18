// Connects to SmarterMCP with the official TypeScript MCP SDK, lists the tools and calls one,
// then prints one JSON line for the Java test to check.
// Usage: node sdk-client.mjs <baseUrl> <streamable|sse> <token>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const [baseUrl, kind, token] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}` };
const transport = kind === 'sse'
  ? new SSEClientTransport(new URL('/sse', baseUrl), {
      requestInit: { headers },
      // the EventSource of the GET /sse stream needs the header too
      eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers ?? {}), ...headers } }) },
    })
  : new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit: { headers } });

const client = new Client({ name: 'smartermcp-it', version: '1.0.0' });
await client.connect(transport);
const { tools } = await client.listTools();
const call = await client.callTool({ name: 'workflows_list', arguments: {} });
console.log(JSON.stringify({
  server: client.getServerVersion()?.name,
  protocol: transport.protocolVersion ?? null,
  tools: tools.map((t) => t.name),
  call: { isError: call.isError === true, text: call.content?.[0]?.text, error: call.structuredContent?.error ?? null },
}));
await client.close();
