// The official TypeScript MCP SDK 2.x client, pinned to the stateless 2026-07-28 revision or in its
// probing auto mode, with an elicitation/create handler, walks the guide (guide.mjs): the server's
// confirmation is an elicitation input request the client fulfils with its handler and sends back
// in the retry. Prints one JSON line for the Java test, with the revision and era it negotiated.
// Usage: node sdk2-guide-client.mjs <baseUrl> <token> <pin|auto>
import { sdk2Client } from './sdk2.mjs';
import { user, walkGuide } from './guide.mjs';

const [baseUrl, token, mode] = process.argv.slice(2);
const { client, transport } = sdk2Client(baseUrl, token, mode, 'smartermcp-guide-it-2026', { elicitation: { form: {} } });
const { asked, answer } = user();
client.setRequestHandler('elicitation/create', answer);
await client.connect(transport);
const guide = await walkGuide(client, asked);
console.log(JSON.stringify({
  protocol: client.getNegotiatedProtocolVersion() ?? null,
  era: client.getProtocolEra() ?? null,
  ...guide,
}));
await client.close();
