// Generates the TEST-ONLY key pair of the `pkjwt` client (private_key_jwt):
//   pkjwt-test-key.pem  the P-256 private key, PKCS #8 PEM, read by the Rust tests
//   pkjwt-jwks.json     its public JWKS (kid "pkjwt-test-key"), read by server.js
// Both files are committed; run this only to replace them (`node gen-test-key.js --force`).
// The key protects nothing: it is published in this repository.

import { generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pemPath = join(here, 'pkjwt-test-key.pem');
const jwksPath = join(here, 'pkjwt-jwks.json');
const KID = 'pkjwt-test-key';

if (!process.argv.includes('--force') && (existsSync(pemPath) || existsSync(jwksPath))) {
  console.error(`${pemPath} or ${jwksPath} exists already; pass --force to replace both`);
  process.exit(1);
}

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const jwk = publicKey.export({ format: 'jwk' });
const jwks = {
  keys: [{
    kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: KID, use: 'sig', alg: 'ES256',
  }],
};

writeFileSync(pemPath, pem);
writeFileSync(jwksPath, `${JSON.stringify(jwks, null, 2)}\n`);
console.log(`wrote ${pemPath} and ${jwksPath} (kid ${KID}); both are for tests only`);
