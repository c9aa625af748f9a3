// Independent verifiers and a wallet, for the .NET integration tests (tests/PLBadges.IntegrationTests/NodeVerifiers.cs):
// - Digital Bazaar's @digitalbazaar/vc with @digitalbazaar/eddsa-rdfc-2022-cryptosuite (Data Integrity, safe mode);
// - @digitalcredentials/verifier-core, which the Learner Credential Wallet and VerifierPlus verify with;
// - the wallet's own DID Authentication: @digitalcredentials/vc signing a presentation with Ed25519Signature2020
//   over a fresh did:key (@digitalcredentials/did-method-key, ed25519-verification-key-2020);
// - the wallet's image import, which finds a baked PNG's credential by counting braces.
// Reads {documents: {url: json}, jobs: [...]} on stdin, writes one result per job on stdout. Nothing reaches the
// network: every URL a library asks for (contexts, DID documents, status lists, JSON Schemas, registries) is answered
// from `documents` or with 404, by replacing fetch (which every library here calls in the end) and by document loaders.
import * as dbVc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as DidKey from '@digitalbazaar/did-method-key';
import {verifyCredential as coreVerifyCredential} from '@digitalcredentials/verifier-core';
import * as dccVc from '@digitalcredentials/vc';
import {Ed25519Signature2020} from '@digitalcredentials/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalcredentials/ed25519-verification-key-2020';
import * as DccDidKey from '@digitalcredentials/did-method-key';
import {gunzipSync} from 'node:zlib';

let documents = {};
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : (input.url ?? String(input));
  if(Object.prototype.hasOwnProperty.call(documents, url)) {
    return new Response(JSON.stringify(documents[url]), {status: 200, headers: {'content-type': 'application/json'}});
  }
  return new Response('not served in this test', {status: 404, headers: {'content-type': 'text/plain'}});
};

// did:web:host%3Aport:a:b → https://host:port/a/b/did.json
function didWebUrl(did) {
  const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  return `https://${parts[0]}${parts.length === 1 ? '/.well-known' : '/' + parts.slice(1).join('/')}/did.json`;
}

const didKeyDriver = DidKey.driver();
didKeyDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

async function dbDocumentLoader(url) {
  if(url.startsWith('did:key:')) {
    return {contextUrl: null, documentUrl: url, document: await didKeyDriver.get({url})};
  }
  if(url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    const doc = documents[didWebUrl(did)];
    if(!doc) {
      throw new Error(`DID document of ${did} not served.`);
    }
    if(!fragment) {
      return {contextUrl: null, documentUrl: url, document: doc};
    }
    const method = (doc.verificationMethod || []).find(m => m.id === url || m.id === '#' + fragment);
    if(!method) {
      throw new Error(`${url} is not in its DID document.`);
    }
    return {contextUrl: null, documentUrl: url, document: {'@context': doc['@context'], ...method}};
  }
  if(Object.prototype.hasOwnProperty.call(documents, url)) {
    return {contextUrl: null, documentUrl: url, document: documents[url]};
  }
  throw new Error(`${url} is not served in this test.`);
}

const dbSuite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

// Bitstring Status List, read here without our code: the list credential must verify (Digital Bazaar), then the bit.
async function dbCheckStatus({credential}) {
  const status = credential.credentialStatus;
  const {document: list} = await dbDocumentLoader(status.statusListCredential);
  const listResult = await dbVc.verifyCredential({credential: list, suite: dbSuite, documentLoader: dbDocumentLoader});
  if(!listResult.verified) {
    return {verified: false, error: new Error('status list not verified: ' + message(listResult.error))};
  }
  const encoded = list.credentialSubject.encodedList;
  const bytes = gunzipSync(Buffer.from(encoded.startsWith('u') ? encoded.slice(1) : encoded, 'base64url'));
  const index = parseInt(status.statusListIndex, 10);
  const revoked = (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
  return {verified: !revoked};
}

function message(error) {
  if(!error) {
    return null;
  }
  const errors = error.errors || (Array.isArray(error) ? error : [error]);
  return errors.map(e => e && (e.message || String(e))).join('; ');
}

async function digitalBazaar(credential) {
  try {
    const result = await dbVc.verifyCredential({credential, suite: dbSuite, documentLoader: dbDocumentLoader, checkStatus: dbCheckStatus});
    return {
      verified: result.verified,
      signature: Array.isArray(result.results) && result.results.length > 0 && result.results.every(r => r.verified),
      status: result.statusResult ? result.statusResult.verified : null,
      error: message(result.error)
    };
  } catch(e) {
    return {verified: false, signature: false, status: null, error: e.message};
  }
}

async function verifierCore(credential) {
  const result = await coreVerifyCredential({credential, knownDIDRegistries: []});
  const step = id => (result.log || []).find(s => s.id === id);
  const schema = (result.additionalInformation || []).find(a => a.id === 'schema_check');
  return {
    signature: step('valid_signature')?.valid ?? false,
    expiration: step('expiration')?.valid ?? null,
    revocation: step('revocation_status') ? (step('revocation_status').valid ?? false) : null,
    revocationError: step('revocation_status')?.error?.message ?? null,
    schema: schema && Array.isArray(schema.results) ? schema.results.map(r => ({schema: r.schema, valid: r.result.valid, errors: r.result.errors ? JSON.stringify(r.result.errors).slice(0, 2000) : null})) : (schema?.results ?? null),
    errors: result.errors ? result.errors.map(e => `${e.name}: ${e.message}`) : null
  };
}

// The wallet: a fresh did:key, a presentation signed with Ed25519Signature2020 over the challenge.
async function walletDidAuthentication({challenge, domain, holderInPresentation = true}) {
  const key = await Ed25519VerificationKey2020.generate();
  const did = `did:key:${key.fingerprint()}`;
  key.controller = did;
  key.id = `${did}#${key.fingerprint()}`;
  const suite = new Ed25519Signature2020({key});
  const presentation = dccVc.createPresentation(holderInPresentation ? {holder: did} : {});
  const documentLoader = async url => {
    if(url.startsWith('did:key:')) {
      const didDocument = await DccDidKey.driver().get({url});
      return {contextUrl: null, documentUrl: url, document: didDocument};
    }
    return dbDocumentLoader(url);
  };
  const signed = await dccVc.signPresentation({presentation, suite, challenge, domain, documentLoader});
  return {did, presentation: signed};
}

// The Learner Credential Wallet's image import, as it reads a PNG: the whole file decoded as UTF-8, the first "{" after
// the keyword openbadgecredential, then braces counted with no regard for strings.
function walletPngImport({png}) {
  const text = new TextDecoder('utf-8').decode(Buffer.from(png, 'base64'));
  const keyword = 'openbadgecredential';
  const at = text.indexOf(keyword);
  if(at < 0) {
    return {credential: null, error: 'no keyword'};
  }
  const start = text.indexOf('{', at + keyword.length);
  if(start < 0) {
    return {credential: null, error: 'no object'};
  }
  let depth = 0;
  let end = start;
  for(; end < text.length; end++) {
    if(text[end] === '{') {
      depth++;
    } else if(text[end] === '}') {
      depth--;
    }
    if(depth === 0) {
      break;
    }
  }
  try {
    return {credential: JSON.parse(text.slice(start, end + 1)), error: null};
  } catch(e) {
    return {credential: null, error: e.message};
  }
}

async function run(request) {
  documents = request.documents || {};
  const results = [];
  for(const job of request.jobs) {
    try {
      switch(job.kind) {
        case 'verify':
          results.push({digitalBazaar: await digitalBazaar(job.credential), verifierCore: await verifierCore(job.credential)});
          break;
        case 'wallet-did-auth':
          results.push(await walletDidAuthentication(job));
          break;
        case 'wallet-png-import':
          results.push(walletPngImport(job));
          break;
        default:
          throw new Error(`Unknown job kind ${job.kind}.`);
      }
    } catch(e) {
      results.push({error: String(e && e.stack || e)});
    }
  }
  return results;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => input += chunk);
process.stdin.on('end', () => {
  run(JSON.parse(input)).then(
    results => {
      process.stdout.write(JSON.stringify(results));
    },
    error => {
      process.stderr.write(String(error && error.stack || error));
      process.exit(1);
    });
});
