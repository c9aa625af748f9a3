// A real OpenID Provider (oidc-provider, OpenID Certified) for the sign-in tests, on 127.0.0.1.
// It stands in for Google, Microsoft, ClassLink or any district provider: the accounts' claims say
// which (hd; tid, oid and xms_edov; sourcedId and TenantId). Sign-in and consent complete by
// themselves for the account named by login_hint (else the first), whose sub is its subject. Two
// test-only switches on an account make the provider misbehave as an attacker's or a broken one
// would: test_aud issues its ID token to another audience, test_expired issues it already expired.
//
// A test sets an account's claims at run time with PUT /test/accounts/<hint> (a JSON object of
// claims, sub among them), so one provider stands in for each platform's claims in turn: what it
// answers next for that hint is what the test put. The path is this stand-in's, not the protocol's.
//
// node oidc-peer.mjs '{"port":0,"issuer":"http://127.0.0.1:PORT","clients":[...],"accounts":{"hint":{"sub":"..."}}}'
// node oidc-peer.mjs oidc-peer-demo.json
// prints "ready <port>" once listening.
import fs from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

// The argument is the configuration, or a file holding it (oidc-peer-demo.json: the demo's second district).
const argument = process.argv[2];
const config = JSON.parse(argument.trim().startsWith('{') ? argument : fs.readFileSync(argument, 'utf8'));
const accounts = config.accounts;

const server = http.createServer();
await new Promise((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = config.issuer.replace('PORT', String(port));

const provider = new Provider(issuer, {
  clients: config.clients,
  // The account id is the subject (oidc-provider signs it as sub); the tests pick accounts by login hint.
  findAccount: (ctx, id) => {
    const account = Object.values(accounts).find((a) => a.sub === id);
    return account ? { accountId: id, claims: () => ({ ...account }) } : undefined;
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'hd', 'tid', 'oid', 'xms_edov', 'sourcedId', 'TenantId'],
  },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => false },
  cookies: { keys: ['oidc-peer-test-only'] },
});

const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function patched(options = {}) {
  if (options.use !== 'idtoken') return issue.call(this, options);
  if (this.available.test_expired) {
    return issue.call(this, { ...options, expiresAt: Math.floor(Date.now() / 1000) - 3600 });
  }
  if (this.available.test_aud) {
    const own = this.client.clientId;
    this.client.clientId = this.available.test_aud;
    try {
      return await issue.call(this, options);
    } finally {
      this.client.clientId = own;
    }
  }
  return issue.call(this, options);
};

const callback = provider.callback();
server.on('request', async (req, res) => {
  try {
    if (req.method === 'PUT' && req.url.startsWith('/test/accounts/')) {
      const hint = decodeURIComponent(req.url.slice('/test/accounts/'.length));
      let body = '';
      for await (const chunk of req) body += chunk;
      accounts[hint] = JSON.parse(body);
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        const hint = details.params.login_hint;
        const accountId = (hint && accounts[hint] ? accounts[hint] : Object.values(accounts)[0]).sub;
        await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
      if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    callback(req, res);
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});

console.log(`ready ${port}`);
