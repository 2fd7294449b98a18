// Connects to SmarterMCP with the official TypeScript MCP SDK 2.x client pinned to the stateless
// 2026-07-28 revision or in its probing auto mode, lists the tools and calls one, then prints one JSON
// line for the Java test to check.
// Usage: node sdk2-client.mjs <baseUrl> <token> <auto|pin>
import { sdk2Client } from './sdk2.mjs';

const [baseUrl, token, mode] = process.argv.slice(2);
const { client, transport } = sdk2Client(baseUrl, token, mode, 'smartermcp-it-2026');
await client.connect(transport);
const { tools } = await client.listTools();
const call = await client.callTool({ name: 'docs_services', arguments: { service_id: 'n8n' } });
console.log(JSON.stringify({
  protocol: client.getNegotiatedProtocolVersion() ?? null,
  era: client.getProtocolEra() ?? null,
  tools: tools.map((t) => t.name),
  call: { isError: call.isError === true, serviceId: call.structuredContent?.service_id ?? null },
}));
await client.close();
