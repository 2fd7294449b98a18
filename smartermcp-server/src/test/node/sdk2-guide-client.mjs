// The official TypeScript MCP SDK 2.x client pinned to the stateless 2026-07-28 revision: lists the
// tools, reads a documentation resource, gets a prompt, and calls a destructive tool twice, answering
// the server's confirmation (an elicitation input request, fulfilled by the client's handler and sent
// back in the retry) with accept, then decline. Prints one JSON line for the Java test.
// Usage: node sdk2-guide-client.mjs <baseUrl> <token>
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [baseUrl, token] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: 'smartermcp-guide-it-2026', version: '1.0.0' }, {
  capabilities: { elicitation: { form: {} } },
  versionNegotiation: { mode: { pin: '2026-07-28' } },
});
const answers = ['accept', 'decline'];
const asked = [];
client.setRequestHandler('elicitation/create', async (request) => {
  asked.push(request.params.message);
  const action = answers.shift() ?? 'cancel';
  return action === 'accept' ? { action, content: { confirm: true } } : { action };
});
await client.connect(transport);

const { tools } = await client.listTools();
const { resources } = await client.listResources();
const { resourceTemplates } = await client.listResourceTemplates();
const resource = await client.readResource({ uri: 'smartermcp://docs/services/n8n' });
const { prompts } = await client.listPrompts();
const prompt = await client.getPrompt({ name: 'check_and_restart_service', arguments: { service_id: 'n8n' } });
const upsert = { name: 'crm_contacts_upsert', arguments: { contact: { name: 'Ana Pérez' }, id: 42 } };
const accepted = await client.callTool(upsert);
const declined = await client.callTool(upsert);
const outcome = (result) => ({ isError: result.isError === true, error: result.structuredContent?.error ?? null });

console.log(JSON.stringify({
  protocol: client.getNegotiatedProtocolVersion() ?? null,
  tools: tools.map((t) => t.name),
  resources: resources.map((r) => r.uri),
  templates: resourceTemplates.map((t) => t.uriTemplate),
  resource: { uri: resource.contents[0].uri, mimeType: resource.contents[0].mimeType, json: JSON.parse(resource.contents[0].text) },
  prompts: prompts.map((p) => p.name),
  prompt: prompt.messages[0].content.text,
  asked,
  accepted: outcome(accepted),
  declined: { ...outcome(declined), text: declined.content?.[0]?.text },
}));
await client.close();
