// The machine's limit for the collector benchmark: a bare node:http server that reads the same
// POST body and answers 201 with a body of the same shape, and does nothing else.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = /"id":"([^"]+)"/.exec(body)?.[1] ?? '';
    const answer = JSON.stringify({ id, status: 'received' });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.keepAliveTimeout = 72_000; // as Fastify does
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`bare server listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
