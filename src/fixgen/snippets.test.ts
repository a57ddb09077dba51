import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFix } from '../diagnose/fix.js';
import { snippetsForFix } from './snippets.js';

const blocked = {
  page: 'http://localhost:3000/app',
  request: { url: 'http://localhost:8080/api', method: 'PUT', headers: [['Authorization', 'Bearer t']] as [string, string][] },
  server: [{ url: 'http://localhost:8080/api', headers: [['Access-Control-Allow-Origin', '*']] as [string, string][] }],
};

test('a server-side fix gets one snippet per stack, naming the page origin, the method and the header', () => {
  const fix = findFix(blocked);
  assert.ok(fix !== null);
  const out = snippetsForFix(blocked, fix);
  assert.ok(out.length >= 25);
  const nginx = out.find((x) => x.stack === 'nginx');
  assert.ok(nginx !== undefined);
  assert.match(nginx.code, /http:\/\/localhost:3000/);
  assert.match(nginx.code, /PUT/);
  assert.match(nginx.code, /authorization/i);
});

test('a fix that changes the page request has no stack snippets', () => {
  const s = {
    page: 'http://localhost:3000/', request: { url: 'http://localhost:8080/api', mode: 'navigate' as const },
    server: [{ url: 'http://localhost:8080/api', headers: [['Access-Control-Allow-Origin', '*']] as [string, string][] }],
  };
  const fix = findFix(s);
  assert.ok(fix !== null);
  assert.deepEqual(snippetsForFix(s, fix), []);
});
