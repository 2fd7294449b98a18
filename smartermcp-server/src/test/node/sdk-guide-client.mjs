// The official TypeScript MCP SDK (1.x) client, declaring elicitation, walks the guide (guide.mjs)
// over Streamable HTTP or the legacy HTTP+SSE transport: the server's confirmation is an
// elicitation/create request its handler answers. Prints one JSON line for the Java test.
// Usage: node sdk-guide-client.mjs <baseUrl> <token> <streamable|sse>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { sdk1Transport } from './sdk1-transport.mjs';
import { user, walkGuide } from './guide.mjs';

const [baseUrl, token, kind] = process.argv.slice(2);
const transport = sdk1Transport(baseUrl, kind, token);
// the revision initialize settled on, as the client hands it to the transport (the SSE transport keeps it private)
let protocol = null;
const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
transport.setProtocolVersion = (version) => {
  protocol = version;
  setProtocolVersion?.(version);
};
const client = new Client({ name: 'smartermcp-guide-it', version: '1.0.0' }, { capabilities: { elicitation: {} } });
const { asked, answer } = user();
client.setRequestHandler(ElicitRequestSchema, answer);
await client.connect(transport);
const guide = await walkGuide(client, asked);
console.log(JSON.stringify({
  server: client.getServerVersion()?.name,
  protocol,
  ...guide,
}));
await client.close();
