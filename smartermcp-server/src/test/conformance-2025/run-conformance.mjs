// Runs the official MCP conformance suite (0.1 line, the 2025 revisions) against a SmarterMCP /mcp,
// through auth-proxy.mjs (the suite takes only a URL; every request needs the bearer token), then
// prints one JSON line: per scenario, its checks that passed, failed and warned, and the failures' text.
// Usage: node run-conformance.mjs <serverBaseUrl> <token> <outputDir>
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [baseUrl, token, outputDir] = process.argv.slice(2);

const proxy = spawn(process.execPath, [path.join(here, 'auth-proxy.mjs'), baseUrl, token], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  proxy.stdout.on('data', (chunk) => {
    const match = /listening (\d+)/.exec(chunk.toString());
    if (match) resolve(match[1]);
  });
  proxy.on('exit', (code) => reject(new Error(`the proxy exited with ${code}`)));
});

try {
  const cli = path.join(here, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  // the active suite, then the two 2025-11-25 scenarios it leaves out, so that each is classified too
  for (const extra of [[], ['--scenario', 'server-sse-polling'], ['--scenario', 'json-schema-2020-12']]) {
    const run = spawnSync(process.execPath, [cli, 'server', '--url', `http://127.0.0.1:${port}/mcp`, '-o', outputDir, ...extra],
      { encoding: 'utf8', timeout: 600_000 });
    if (run.error) throw run.error;
  }
  const scenarios = {};
  for (const dir of fs.readdirSync(outputDir).sort()) {
    const file = path.join(outputDir, dir, 'checks.json');
    if (!fs.existsSync(file)) continue;
    const name = dir.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T.*$/, '');
    const checks = JSON.parse(fs.readFileSync(file, 'utf8'));
    scenarios[name] = {
      passed: checks.filter((c) => c.status === 'SUCCESS').length,
      failed: checks.filter((c) => c.status === 'FAILURE').length,
      warnings: checks.filter((c) => c.status === 'WARNING').length,
      failures: checks.filter((c) => c.status === 'FAILURE').map((c) => `${c.id}: ${c.errorMessage ?? c.description}`),
    };
  }
  console.log(JSON.stringify(scenarios));
} finally {
  proxy.kill();
}
