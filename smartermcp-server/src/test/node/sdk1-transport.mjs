// The TypeScript MCP SDK 1.x client transport the Node test clients share: Streamable HTTP at /mcp,
// or the legacy HTTP+SSE transport at /sse, both with the bearer token.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

/** kind: 'streamable' or 'sse'. */
export function sdk1Transport(baseUrl, kind, token) {
  const headers = { Authorization: `Bearer ${token}` };
  if (kind === 'sse') {
    return new SSEClientTransport(new URL('/sse', baseUrl), {
      requestInit: { headers },
      // the EventSource of the GET /sse stream needs the header too
      eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers ?? {}), ...headers } }) },
    });
  }
  if (kind !== 'streamable') {
    throw new Error(`unknown transport ${kind}: streamable or sse`);
  }
  return new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit: { headers } });
}
