// The official TypeScript MCP SDK 2.x client as the Node test clients make it: Streamable HTTP at /mcp
// with the bearer token, version negotiation pinned to the stateless 2026-07-28 revision ('pin') or
// the SDK's probing 'auto' mode (server/discover first, initialize as the fallback).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export function sdk2Client(baseUrl, token, mode, name, capabilities = {}) {
  if (mode !== 'pin' && mode !== 'auto') {
    throw new Error(`unknown version negotiation ${mode}: pin or auto`);
  }
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name, version: '1.0.0' }, {
    capabilities,
    versionNegotiation: { mode: mode === 'pin' ? { pin: '2026-07-28' } : 'auto' },
  });
  return { client, transport };
}
