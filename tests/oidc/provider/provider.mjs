// A real OpenID Provider (panva/oidc-provider) for the test suite, configured like the Digital
// Agency's デジタル認証アプリ: authorization code flow only, PKCE S256 required, private_key_jwt
// at the token endpoint (the client's public keys given by the suite), scopes name, address,
// birthdate and gender. Sign-in and consent are oidc-provider's own development forms: any
// login name is an account, the resident below.
//
// Configuration comes from the environment:
//   PORT                the port to listen on (127.0.0.1)
//   OIDC_CLIENT         JSON: {client_id, redirect_uris, jwks}
// Each start makes a fresh signing key, so a restart is a key rotation.
//
// For the suite's refusal tests only: POST /test/misbehave {"mode": ...} makes the provider
// misbehave on later requests until set back to "none" — "wrong-nonce", "wrong-issuer",
// "bad-signature" (ID token re-signed with a key it never published, under the published kid),
// "drop-code-verifier" (the token request loses its PKCE verifier on the way), "short-code"
// (authorization codes live one second).

import * as crypto from 'node:crypto';

import Provider from 'oidc-provider';
import * as jose from 'jose';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.OIDC_CLIENT);

async function newSigningKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = await jose.calculateJwkThumbprint(jwk);
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return jwk;
}

const signing = await newSigningKey();

// The resident every login name signs in as: the four basic facts of a My Number card.
const RESIDENT = {
  name: 'デジタル　太郎',
  address: '東京都千代田区紀尾井町1番3号',
  birthdate: '1990-04-01',
  gender: 'male',
};

let mode = 'none';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.client_id,
      redirect_uris: client.redirect_uris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      id_token_signed_response_alg: 'RS256',
      // Inline: oidc-provider fetches a client's jwks_uri over https only.
      jwks: client.jwks,
    },
  ],
  jwks: { keys: [signing] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  scopes: ['openid', 'name', 'address', 'birthdate', 'gender'],
  claims: {
    openid: ['sub'],
    name: ['name'],
    address: ['address'],
    birthdate: ['birthdate'],
    gender: ['gender'],
  },
  responseTypes: ['code'],
  pkce: { required: () => true },
  clientAuthMethods: ['private_key_jwt'],
  enabledJWA: {
    clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    idTokenSigningAlgValues: ['RS256'],
  },
  features: {
    devInteractions: { enabled: true },
    userinfo: { enabled: true },
  },
  ttl: {
    AuthorizationCode: () => (mode === 'short-code' ? 1 : 60),
  },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...RESIDENT };
      },
    };
  },
});

async function readRaw(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function resign(idToken, change, key = signing) {
  const claims = jose.decodeJwt(idToken);
  change(claims);
  const privateKey = await jose.importJWK(key, 'RS256');
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signing.kid, typ: 'JWT' })
    .sign(privateKey);
}

const tamper = {
  'wrong-nonce': (token) => resign(token, (claims) => { claims.nonce = 'not-the-nonce-sent'; }),
  'wrong-issuer': (token) => resign(token, (claims) => { claims.iss = 'https://idp.invalid'; }),
  'bad-signature': async (token) => resign(token, () => {}, await newSigningKey()),
};

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/misbehave' && ctx.method === 'POST') {
    mode = JSON.parse(await readRaw(ctx.req)).mode;
    ctx.status = 204;
    return;
  }
  const token = ctx.path === '/token' && ctx.method === 'POST';
  if (token && mode === 'drop-code-verifier') {
    const form = new URLSearchParams(await readRaw(ctx.req));
    form.delete('code_verifier');
    ctx.req.body = Object.fromEntries(form);
  }
  await next();
  if (token && ctx.status === 200 && ctx.body?.id_token && tamper[mode]) {
    ctx.body = { ...ctx.body, id_token: await tamper[mode](ctx.body.id_token) };
  }
});

// Why a token request was refused, for whoever reads the provider's output.
provider.on('grant.error', (ctx, error) => {
  console.log(`grant.error ${error.error}: ${error.error_detail ?? error.message}`);
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
