// The TypeScript MCP SDK client of ReplicasIT: opens a Streamable HTTP session through the load
// balancer and calls a tool; waits for a line on stdin (the test has killed the session's replica);
// calls again on the same session (expected: HTTP 404, the session is unknown to the replica that now
// answers), then initializes a new session as a client should and calls again. Prints one JSON line
// per step. Usage: node replica-failover.mjs <balancerUrl> <token>
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [baseUrl, token] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}` };
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (value) => console.log(JSON.stringify(value));
const call = (client) => client.callTool({ name: 'docs_services', arguments: { service_id: 'n8n' } });

async function connect() {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit: { headers } });
  const client = new Client({ name: 'smartermcp-replicas-it', version: '1.0.0' });
  client.onerror = () => {}; // the listening stream of the first session breaks with its replica
  await client.connect(transport);
  return { client, transport };
}

const first = await connect();
const before = await call(first.client);
say({ step: 'connected', session: first.transport.sessionId, isError: before.isError === true });

await lines.next();
let failure = null;
try {
  await call(first.client);
} catch (error) {
  failure = { code: error.code ?? null, message: String(error.message).slice(0, 300) };
}
const second = await connect();
const after = await call(second.client);
say({ step: 'reconnected', failure, session: second.transport.sessionId, isError: after.isError === true,
  text: after.content?.[0]?.text?.slice(0, 200) ?? null });
await second.client.close();
process.exit(0);
