// Connects to SmarterMCP with the official TypeScript MCP SDK and nothing but its OAuth support, as a
// remote connector does: 401 → protected resource metadata → authorization server metadata → dynamic
// client registration → authorization code with PKCE → finishAuth → tools/list and tools/call. The
// browser step is done here without a browser: the authorization URL is fetched with a cookie jar,
// the login form (and a consent form, when one is shown) posted, and the code taken from the redirect.
// A call that needs more scopes than the token has gets 403 insufficient_scope; the SDK asks for them
// (step-up), and the same headless login answers.
//
// Usage: USER_PASSWORD=... [CLIENT_ID=...] node oauth-client.mjs <serverUrl> <localBase> <user> <calls JSON>
//   serverUrl  the MCP endpoint by its public name (the resource URI), e.g. https://mcp.example.com/mcp
//   localBase  where that public name is really served here (a reverse proxy's job in production)
//   calls      [{"name": "...", "arguments": {...}}, ...]
// Prints one JSON line for the Java test to check.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [serverUrl, localBase, user, callsJson] = process.argv.slice(2);
const password = process.env.USER_PASSWORD;
const calls = JSON.parse(callsJson);
const publicOrigin = new URL(serverUrl).origin;
const REDIRECT = 'http://127.0.0.1/callback';

// the public name resolves to the local server; everything else (Keycloak) is fetched as addressed
// every exchange goes to stderr (method, address without query, status, challenge; never a token), which
// the Java test shows when the script fails
const seen = [];
const routedFetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const line = `${init?.method ?? 'GET'} ${url.replace(/\?.*/, '')}`;
  seen.push(line);
  const target = url.startsWith(publicOrigin) ? localBase + url.slice(publicOrigin.length) : url;
  const response = await fetch(target, init);
  const challenge = response.headers.get('www-authenticate');
  let reason = '';
  if (response.status === 401 && url.startsWith(publicOrigin)) {
    reason = (await response.clone().text()).slice(0, 300);
  }
  console.error(`${line} -> ${response.status}${challenge ? ` [${challenge}]` : ''} ${reason}`);
  return response;
};

// ---- the user agent: cookies by hand, redirects not followed ----
const cookies = new Map();
async function browse(url, init = {}) {
  const headers = { ...(init.headers ?? {}) };
  if (cookies.size > 0) {
    headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(';', 1)[0];
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return response;
}
const unescape = (html) => html.replaceAll('&amp;', '&').replaceAll('&#x3d;', '=').replaceAll('&quot;', '"');

async function submit(pageUrl, html, fields) {
  const action = /<form[^>]*action="([^"]+)"/i.exec(html);
  if (!action) throw new Error(`no form on ${pageUrl}: ${html.slice(0, 300)}`);
  const values = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) {
    values.set(m[1], unescape(m[2]));
  }
  for (const [k, v] of Object.entries(fields)) values.set(k, v);
  const target = new URL(unescape(action[1]), pageUrl);
  return [target, await browse(target, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: values.toString(),
  })];
}

/** Runs the authorization server's pages until it redirects to REDIRECT; returns the code. */
async function headlessLogin(authorizationUrl) {
  let url = new URL(authorizationUrl);
  let response = await browse(url);
  for (let step = 0; step < 12; step++) {
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location'), url);
      if (location.href.startsWith(REDIRECT)) {
        const error = location.searchParams.get('error');
        if (error) throw new Error(`authorization refused: ${error} ${location.searchParams.get('error_description')}`);
        return location.searchParams.get('code');
      }
      url = location;
      response = await browse(url);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`authorization page ${url} answered ${response.status}: ${html.slice(0, 300)}`);
    if (html.includes('name="password"')) {
      [url, response] = await submit(url, html, { username: user, password });
    } else if (html.includes('name="accept"')) {
      [url, response] = await submit(url, html, { accept: 'Yes' });
    } else {
      throw new Error(`unexpected authorization page ${url}: ${html.slice(0, 300)}`);
    }
  }
  throw new Error('the authorization server never redirected back');
}

// ---- the OAuthClientProvider: everything kept in memory ----
// CLIENT_ID: a client registered beforehand (no dynamic registration)
let clientInformation = process.env.CLIENT_ID ? { client_id: process.env.CLIENT_ID } : undefined;
let tokens;
let codeVerifier;
let pendingCode;
const authorizations = [];
const provider = {
  get redirectUrl() { return REDIRECT; },
  get clientMetadata() {
    // no refresh_token grant: Keycloak then issues none, and the SDK's step-up goes to the
    // authorization endpoint instead of refreshing to the same scopes (typescript-sdk#2255)
    return {
      client_name: 'smartermcp-ts-sdk-it', redirect_uris: [REDIRECT], grant_types: ['authorization_code'],
      response_types: ['code'], token_endpoint_auth_method: 'none',
    };
  },
  clientInformation: () => clientInformation,
  saveClientInformation: (info) => { clientInformation = info; },
  tokens: () => tokens,
  saveTokens: (t) => { tokens = t; },
  saveCodeVerifier: (v) => { codeVerifier = v; },
  codeVerifier: () => codeVerifier,
  redirectToAuthorization: async (authorizationUrl) => {
    authorizations.push({
      scope: authorizationUrl.searchParams.get('scope'),
      resource: authorizationUrl.searchParams.get('resource'),
      pkce: authorizationUrl.searchParams.get('code_challenge_method'),
    });
    pendingCode = await headlessLogin(authorizationUrl);
  },
};

const newTransport = () => new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider, fetch: routedFetch });
let transport = newTransport();
let client = new Client({ name: 'smartermcp-oauth-it', version: '1.0.0' });

/** Runs an action; when the SDK stopped for a redirect, finishes the authorization and runs it again. */
async function authorized(action) {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || pendingCode === undefined) throw error;
    const code = pendingCode;
    pendingCode = undefined;
    await transport.finishAuth(code);
    return await action();
  }
}

try {
  await client.connect(transport);
} catch (error) {
  // the first request met the 401 and the SDK sent the user to the authorization server: finish it,
  // then connect again with a fresh transport, as the SDK's documentation does after a redirect
  if (!(error instanceof UnauthorizedError) || pendingCode === undefined) throw error;
  const code = pendingCode;
  pendingCode = undefined;
  await transport.finishAuth(code);
  transport = newTransport();
  client = new Client({ name: 'smartermcp-oauth-it', version: '1.0.0' });
  await client.connect(transport);
}
const { tools } = await authorized(() => client.listTools());
const results = [];
for (const call of calls) {
  const result = await authorized(() => client.callTool({ name: call.name, arguments: call.arguments ?? {} }));
  results.push({ name: call.name, isError: result.isError === true, text: result.content?.[0]?.text ?? null });
}
console.log(JSON.stringify({
  server: client.getServerVersion()?.name,
  clientId: clientInformation?.client_id ?? null,
  tokenScope: tokens?.scope ?? null,
  refreshToken: tokens?.refresh_token !== undefined,
  authorizations,
  discovery: seen.filter((s) => s.includes('/.well-known/') || s.includes('/clients-registrations/')),
  tools: tools.map((t) => t.name),
  results,
}));
await client.close();
