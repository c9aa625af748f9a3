// Canonicalizes with the reference implementations, for PLBadges.LinkedData.Tests to compare against:
// jsonld.js 9 (JSON-LD to RDF in safe mode, then RDFC-1.0) and rdf-canonize 5 (RDFC-1.0 over N-Quads).
// Reads {contexts: {url: document}, jobs: [...]} as JSON on stdin and writes one result per job on stdout.
// Contexts are served only from the request: nothing is fetched.
'use strict';
const jsonld = require('jsonld');
const canonize = require('rdf-canonize');

async function run(request) {
  const contexts = request.contexts || {};
  const documentLoader = async url => {
    if(Object.prototype.hasOwnProperty.call(contexts, url)) {
      return {contextUrl: null, documentUrl: url, document: contexts[url]};
    }
    throw new Error(`The context ${url} is not served in this test.`);
  };
  const results = [];
  for(const job of request.jobs) {
    try {
      if(job.kind === 'nquads') {
        const canonicalIdMap = new Map();
        const nquads = await canonize.canonize(job.input, {
          algorithm: 'RDFC-1.0',
          inputFormat: 'application/n-quads',
          messageDigestAlgorithm: job.hash || 'sha256',
          canonicalIdMap,
          maxWorkFactor: job.maxWorkFactor === undefined ? Infinity : job.maxWorkFactor
        });
        results.push({nquads, map: Object.fromEntries(canonicalIdMap)});
      } else if(job.kind === 'jsonld') {
        // jsonld.canonize defaults to safe mode and no base IRI, as Data Integrity verifiers call it.
        const nquads = await jsonld.canonize(job.document, {documentLoader});
        results.push({nquads});
      } else {
        throw new Error(`Unknown job kind ${job.kind}.`);
      }
    } catch(e) {
      const event = e.details && e.details.event ? e.details.event.code : undefined;
      results.push({error: e.message, code: (e.details && e.details.code) || event || e.name});
    }
  }
  return results;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => input += chunk);
process.stdin.on('end', () => {
  run(JSON.parse(input)).then(
    results => process.stdout.write(JSON.stringify(results)),
    error => {
      process.stderr.write(String(error && error.stack || error));
      process.exit(1);
    });
});
