// The policies every generator is golden-tested with: a representative one and the edges.
import type { PolicyConfig } from '../../src/policy/config.js';

export const GOLDEN_POLICIES: Record<string, PolicyConfig> = {
  representative: {
    origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'],
    credentials: true,
    methods: ['GET', 'POST', 'PUT'],
    requestHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['x-request-id'],
    maxAge: 7200,
  },
  'any-origin': { origins: ['*'], requestHeaders: ['content-type'], exposeHeaders: ['ETag'] },
  'credentials-subdomains': { origins: ['https://*.example.com'], credentials: true, methods: [] },
  'single-origin-no-methods': { origins: ['https://app.example.com'] },
  'ipv6-anyport-maxage-0': { origins: ['http://[::1]:8080', 'http://localhost:*'], methods: ['patch', 'DELETE'], maxAge: 0 },
};
