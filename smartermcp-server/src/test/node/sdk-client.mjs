// Connects to SmarterMCP with the official TypeScript MCP SDK, lists the tools and calls one,
// then prints one JSON line for the Java test to check.
// Usage: node sdk-client.mjs <baseUrl> <streamable|sse> <token>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sdk1Transport } from './sdk1-transport.mjs';

const [baseUrl, kind, token] = process.argv.slice(2);
const transport = sdk1Transport(baseUrl, kind, token);

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
