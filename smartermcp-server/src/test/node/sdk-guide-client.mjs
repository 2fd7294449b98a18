// The official TypeScript MCP SDK (1.x) over Streamable HTTP: lists tools, calls one, reads a
// documentation resource, gets a prompt, and calls a destructive tool twice, answering the server's
// confirmation (elicitation) with accept, then decline. Prints one JSON line for the Java test.
// Usage: node sdk-guide-client.mjs <baseUrl> <token>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const [baseUrl, token] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: 'smartermcp-guide-it', version: '1.0.0' }, { capabilities: { elicitation: {} } });
const answers = ['accept', 'decline'];
const asked = [];
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  asked.push(request.params.message);
  const action = answers.shift() ?? 'cancel';
  return action === 'accept' ? { action, content: { confirm: true } } : { action };
});
await client.connect(transport);

const { tools } = await client.listTools();
const call = await client.callTool({ name: 'workflows_list', arguments: {} });
const { resourceTemplates } = await client.listResourceTemplates();
const resource = await client.readResource({ uri: 'smartermcp://docs/services/n8n' });
const prompt = await client.getPrompt({ name: 'check_and_restart_service', arguments: { service_id: 'n8n' } });
const upsert = { name: 'crm_contacts_upsert', arguments: { contact: { name: 'Ana Pérez' }, id: 42 } };
const accepted = await client.callTool(upsert);
const declined = await client.callTool(upsert);
const outcome = (result) => ({ isError: result.isError === true, error: result.structuredContent?.error ?? null });

console.log(JSON.stringify({
  tools: tools.map((t) => t.name),
  call: { isError: call.isError === true },
  templates: resourceTemplates.map((t) => t.uriTemplate),
  resource: { uri: resource.contents[0].uri, mimeType: resource.contents[0].mimeType, json: JSON.parse(resource.contents[0].text) },
  prompt: prompt.messages[0].content.text,
  asked,
  accepted: outcome(accepted),
  declined: { ...outcome(declined), text: declined.content?.[0]?.text },
}));
await client.close();
