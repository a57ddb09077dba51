// Fastify: the actual-request headers come from an onSend hook, so even a reply sent by a hook
// registered *before* corsight (here an auth check answering 401) carries them; a preflight
// answered by such a hook does not get CORS headers added afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import corsight from '../../src/middleware/fastify.js';

test('fastify: a 401 from a hook registered before the plugin still carries the CORS headers', async () => {
  const app = Fastify();
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization === undefined) { reply.code(401).send({ error: 'unauthorized' }); return reply; }
    return undefined;
  });
  await app.register(corsight, { origins: ['https://app.example.com'], credentials: true });
  app.get('/r', async () => 'ok');
  const r = await app.inject({ method: 'GET', url: '/r', headers: { origin: 'https://app.example.com' } });
  assert.equal(r.statusCode, 401);
  assert.equal(r.headers['access-control-allow-origin'], 'https://app.example.com');
  assert.equal(r.headers['access-control-allow-credentials'], 'true');
  assert.match(String(r.headers.vary), /Origin/);
  const p = await app.inject({ method: 'OPTIONS', url: '/r', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } });
  assert.equal(p.statusCode, 401, 'the earlier hook answered the preflight');
  assert.equal(p.headers['access-control-allow-origin'], undefined, 'no actual-request headers on a preflight');
  await app.close();
});
