/**
 * TLS for https scenario URLs: the proxy answers CONNECT itself and terminates TLS with one
 * self-signed certificate (made once with the openssl CLI). Browsers are told to accept it:
 * Chromium --ignore-certificate-errors, Firefox BiDi `acceptInsecureCerts`, WebKit
 * TLS errors policy IGNORE. The certificate's names do not matter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

let cached: tls.SecureContext | null = null;

export function harnessSecureContext(): tls.SecureContext {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'corsight-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
        '-days', '7', '-subj', '/CN=corsight-harness', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'],
      { stdio: 'ignore' },
    );
    cached = tls.createSecureContext({ key: readFileSync(key), cert: readFileSync(cert) });
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
