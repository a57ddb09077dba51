import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getPublicSuffix } from 'tldts';
import { EXCEPTION_COUNT, EXCEPTIONS, RULE_COUNT, RULES } from './public-suffix-data.js';
import { isPublicSuffix } from './public-suffix.js';

const tldtsSays = (host: string): boolean =>
  getPublicSuffix(host, { allowPrivateDomains: true, validateHostname: false }) === host;

function rulesOf(packed: string): string[] {
  return packed.split(';').flatMap((g) => {
    const [tld, rests] = g.split(':') as [string, string];
    return rests.split(',').map((r) => (r === '' ? tld : `${r}.${tld}`));
  });
}

test('generated list has the counts the generator wrote', () => {
  assert.equal(rulesOf(RULES).length, RULE_COUNT);
  assert.equal(rulesOf(EXCEPTIONS).length, EXCEPTION_COUNT);
  assert.ok(RULE_COUNT > 9000, 'ICANN + private sections');
});

test('isPublicSuffix agrees with tldts on a sample of rules, wildcard instances, exceptions and registrable names', () => {
  const all = rulesOf(RULES);
  const sample: string[] = [];
  for (let i = 0; i < all.length; i += 7) {
    const r = all[i]!;
    if (r.startsWith('*.')) sample.push(`foo${i}.${r.slice(2)}`, r.slice(2), `a.foo${i}.${r.slice(2)}`);
    else sample.push(r, `example${i}.${r}`, `a.b.${r}`);
  }
  sample.push(...rulesOf(EXCEPTIONS), 'com', 'example.com', 'github.io', 'corsight.github.io', 'co.uk',
    'example.co.uk', 'ck', 'www.ck', 'foo.ck', 'city.kobe.jp', 'kobe.jp', 'x.kobe.jp', 'notatld', 'a.notatld',
    'localhost', 'app.localhost', 'appspot.com', 's3.amazonaws.com');
  let checked = 0;
  for (const host of sample) {
    assert.equal(isPublicSuffix(host), tldtsSays(host), host);
    checked++;
  }
  assert.ok(checked > 4000);
});

test('well-known answers', () => {
  for (const h of ['com', 'co.uk', 'github.io', 'herokuapp.com', 'foo.ck']) assert.equal(isPublicSuffix(h), true, h);
  for (const h of ['example.com', 'example.co.uk', 'corsight.github.io', 'www.ck']) assert.equal(isPublicSuffix(h), false, h);
});
