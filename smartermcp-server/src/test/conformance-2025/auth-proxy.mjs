// A small HTTP proxy that adds the bearer token to every request, for the conformance suite (which
// takes only a URL). Streams both ways, so SSE answers pass through as they come.
// Usage: node auth-proxy.mjs <targetBaseUrl> <token>   (prints "listening <port>" once ready)
import http from 'node:http';

const [target, token] = process.argv.slice(2);
const upstream = new URL(target);

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const forward = http.request(
    { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forward.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(forward);
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
