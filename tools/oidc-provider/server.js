// A local OpenID Provider (the certified `oidc-provider` package) for the okta-auth
// integration tests. Loopback only, plain HTTP, in-memory state, keys generated at startup.
// See README.md for the clients, the resources and the admin endpoints.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { isIPv4 } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Provider, { errors } from 'oidc-provider';

// stdout carries exactly one line, OIDC_PROVIDER_URL=...; oidc-provider prints its notices
// with console.info, so everything else goes to stderr.
console.info = console.error;
console.log = console.error;

const here = dirname(fileURLToPath(import.meta.url));

/** The API whose access tokens the tests verify; the default resource of every token. */
const API = 'urn:okta-sdk-rust:api';
/** A second API: a token issued for it must be refused by a verifier for API. */
const OTHER_API = 'urn:okta-sdk-rust:other-api';
const RESOURCES = new Map([
  [API, { audience: API, scope: 'api:read api:write' }],
  [OTHER_API, { audience: OTHER_API, scope: 'other:read' }],
]);
const CLIENT_SCOPE = 'api:read api:write other:read';
const ACCESS_TOKEN_TTL = 600;
const JWKS_PATH = '/jwks';

function fail(message, cause) {
  console.error(`oidc-provider test server: ${message}${cause ? `: ${cause.message ?? cause}` : ''}`);
  process.exit(1);
}

/** The public JWKS of the `pkjwt` client: OIDC_PKJWT_JWKS, OIDC_PKJWT_JWKS_FILE, or the committed test file. */
function pkjwtJwks() {
  let text;
  let source;
  if (process.env.OIDC_PKJWT_JWKS) {
    text = process.env.OIDC_PKJWT_JWKS;
    source = 'OIDC_PKJWT_JWKS';
  } else {
    source = process.env.OIDC_PKJWT_JWKS_FILE || join(here, 'pkjwt-jwks.json');
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      fail(`cannot read the pkjwt client's JWKS from ${source}`, e);
    }
  }
  let jwks;
  try {
    jwks = JSON.parse(text);
  } catch (e) {
    fail(`the pkjwt client's JWKS from ${source} is not JSON`, e);
  }
  const first = Array.isArray(jwks?.keys) ? jwks.keys[0] : undefined;
  if (!first || (first.kty !== 'EC' && first.kty !== 'RSA')) {
    fail(`the pkjwt client's JWKS from ${source} must hold at least one EC or RSA public key`);
  }
  if (jwks.keys.some((k) => k.d !== undefined)) {
    fail(`the pkjwt client's JWKS from ${source} must hold public keys only`);
  }
  return { jwks, alg: first.alg ?? (first.kty === 'EC' ? 'ES256' : 'RS256') };
}

const pkjwt = pkjwtJwks();

/**
 * The registered clients. `accessTokenAlg` picks the key type that signs their JWT access
 * tokens (so the tests see both RS256 and ES256); `opaque-tokens` gets opaque access tokens,
 * the only kind oidc-provider introspects and revokes.
 */
const CLIENTS = [
  {
    client_id: 'secret-basic',
    client_secret: 'secret-basic-test-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    accessTokenAlg: 'RS256',
  },
  {
    client_id: 'secret-post',
    client_secret: 'secret-post-test-secret',
    token_endpoint_auth_method: 'client_secret_post',
    accessTokenAlg: 'RS256',
  },
  {
    client_id: 'pkjwt',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: pkjwt.alg,
    jwks: pkjwt.jwks,
    accessTokenAlg: 'ES256',
  },
  {
    client_id: 'opaque-tokens',
    client_secret: 'opaque-tokens-test-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    accessTokenFormat: 'opaque',
  },
];
const tokenSettings = new Map(CLIENTS.map((c) => [c.client_id, c]));

// --- storage shared by every provider instance ----------------------------------------------

/**
 * An in-memory adapter (oidc-provider's adapter interface) whose one store outlives provider
 * instances: key rotation swaps the provider, and tokens issued before a rotation must still
 * be introspected, revoked and replay-checked afterwards. (oidc-provider's own development
 * adapter gives each instance a store of its own.)
 */
const store = new Map(); // key -> { value, expiresAt (ms) | undefined }
const SWEEP_ABOVE = 10_000;

function storeGet(key) {
  const entry = store.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return entry.value;
}

function storeSet(key, value, expiresIn) {
  if (store.size > SWEEP_ABOVE) {
    const now = Date.now();
    for (const [k, e] of store) {
      if (e.expiresAt !== undefined && e.expiresAt <= now) store.delete(k);
    }
  }
  const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
  store.set(key, { value, expiresAt });
}

class SharedMemoryAdapter {
  constructor(model) {
    this.model = model;
  }

  key(id) {
    return `${this.model}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    storeSet(key, payload, expiresIn);
    if (payload.grantId) {
      const grantKey = `grant:${payload.grantId}`;
      const members = storeGet(grantKey) ?? [];
      members.push(key);
      storeSet(grantKey, members);
    }
    if (payload.userCode) storeSet(`userCode:${payload.userCode}`, id, expiresIn);
    if (payload.uid) storeSet(`${this.model}:uid:${payload.uid}`, id, expiresIn);
  }

  async find(id) {
    return storeGet(this.key(id));
  }

  async findByUserCode(userCode) {
    const id = storeGet(`userCode:${userCode}`);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUid(uid) {
    const id = storeGet(`${this.model}:uid:${uid}`);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id) {
    const payload = storeGet(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    store.delete(this.key(id));
  }

  async revokeByGrantId(grantId) {
    const grantKey = `grant:${grantId}`;
    for (const key of storeGet(grantKey) ?? []) store.delete(key);
    store.delete(grantKey);
  }
}

// --- signing keys -------------------------------------------------------------------------

/** Every published signing key, newest generation first: oidc-provider signs with the first key of the wanted type. */
let signingKeys = [];
let generation = 0;

function newKey(type, alg, gen) {
  const { privateKey } = type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `${alg.toLowerCase()}-g${gen}-${randomBytes(4).toString('hex')}`;
  return { generation: gen, jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

/** A new generation of keys (RS256 and ES256), to be placed before the others. */
function newGeneration() {
  const gen = generation + 1;
  return { gen, keys: [newKey('rsa', 'RS256', gen), newKey('ec', 'ES256', gen)] };
}

// --- the provider ---------------------------------------------------------------------------

function configuration(keys) {
  return {
    adapter: SharedMemoryAdapter,
    jwks: { keys: keys.map((k) => k.jwk) },
    ttl: { ClientCredentials: ACCESS_TOKEN_TTL },
    clients: CLIENTS.map(({ accessTokenAlg, accessTokenFormat, ...metadata }) => ({
      ...metadata,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: CLIENT_SCOPE,
    })),
    scopes: ['openid', ...CLIENT_SCOPE.split(' ')],
    routes: { jwks: JWKS_PATH },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // A client may introspect its own tokens only.
        allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, client, oneOf) => oneOf ?? API,
        getResourceServerInfo: async (ctx, resourceIndicator, client) => {
          const resource = RESOURCES.get(resourceIndicator);
          if (!resource) {
            throw new errors.InvalidTarget(`unknown resource ${resourceIndicator}`);
          }
          const settings = tokenSettings.get(client.clientId);
          if (settings?.accessTokenFormat === 'opaque') {
            return { ...resource, accessTokenTTL: ACCESS_TOKEN_TTL, accessTokenFormat: 'opaque' };
          }
          return {
            ...resource,
            accessTokenTTL: ACCESS_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: settings?.accessTokenAlg ?? 'RS256' } },
          };
        },
      },
    },
  };
}

function buildProvider(issuer, keys) {
  const provider = new Provider(issuer, configuration(keys));
  for (const event of ['server_error', 'grant.error', 'introspection.error', 'revocation.error']) {
    provider.on(event, (ctx, err) => {
      const details = [err?.error_description, err?.error_detail].filter(Boolean).join('; ');
      console.error(`${event}: ${err?.name ?? 'error'}: ${err?.message ?? err}${details ? ` (${details})` : ''}`);
    });
  }
  return { provider, handle: provider.callback() };
}

// --- HTTP: the provider, plus the loopback-only admin endpoints -----------------------------

let current; // { provider, handle }
let jwksRequests = 0;

function isLoopback(address) {
  if (!address) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIPv4(v4) && v4.startsWith('127.');
}

function sendJson(res, status, body) {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function publishedKids() {
  return signingKeys.map((k) => k.jwk.kid);
}

function currentKids() {
  return signingKeys.filter((k) => k.generation === generation).map((k) => k.jwk.kid);
}

/** Swaps in a provider with `keys`; on failure keeps the running one and rethrows. */
function swapKeys(keys) {
  const next = buildProvider(current.provider.issuer, keys);
  signingKeys = keys;
  current = next;
}

function admin(req, res, path) {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'admin endpoints answer loopback callers only' });
    return;
  }
  const route = `${req.method} ${path}`;
  try {
    switch (route) {
      case 'POST /admin/rotate-keys': {
        const { gen, keys } = newGeneration();
        swapKeys([...keys, ...signingKeys]);
        generation = gen;
        sendJson(res, 200, { signing: currentKids(), published: publishedKids() });
        return;
      }
      case 'POST /admin/retire-old-keys': {
        const retired = signingKeys.filter((k) => k.generation !== generation).map((k) => k.jwk.kid);
        swapKeys(signingKeys.filter((k) => k.generation === generation));
        sendJson(res, 200, { retired, published: publishedKids() });
        return;
      }
      case 'GET /admin/stats':
        sendJson(res, 200, { jwks_requests: jwksRequests, signing: currentKids(), published: publishedKids() });
        return;
      default:
        sendJson(res, 404, { error: `no admin endpoint ${route}` });
    }
  } catch (e) {
    console.error(`${route} failed: ${e?.stack ?? e}`);
    sendJson(res, 500, { error: `${route} failed: ${e?.message ?? e}` });
  }
}

const server = createServer((req, res) => {
  let path;
  try {
    path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    sendJson(res, 400, { error: 'bad request target' });
    return;
  }
  if (path.startsWith('/admin/')) {
    admin(req, res, path);
    return;
  }
  if (!current) {
    sendJson(res, 503, { error: 'starting' });
    return;
  }
  if (req.method === 'GET' && path === JWKS_PATH) jwksRequests += 1;
  current.handle(req, res);
});

server.on('error', (e) => fail('the HTTP server failed', e));

const portText = process.env.OIDC_PORT || '0';
const port = Number(portText);
if (!/^[0-9]{1,5}$/.test(portText) || port > 65535) {
  fail(`OIDC_PORT must be a port number, not ${JSON.stringify(process.env.OIDC_PORT)}`);
}

server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  try {
    const { gen, keys } = newGeneration();
    current = buildProvider(issuer, keys);
    signingKeys = keys;
    generation = gen;
  } catch (e) {
    fail('oidc-provider refused the configuration', e);
  }
  process.stdout.write(`OIDC_PROVIDER_URL=${issuer}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
