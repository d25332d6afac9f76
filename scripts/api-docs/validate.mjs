// Validates the API documents with the OpenAPI and AsyncAPI projects' own tools, so that a broken
// document fails the build: Redocly's OpenAPI linter (the "recommended" rules, the structural
// checks of the OpenAPI 3.1 specification included) and the AsyncAPI parser (the AsyncAPI 3.0
// schema and its spectral rules). Any error, and any warning, fails.
//
// Usage: node validate.mjs ../../docs/openapi.json ../../docs/asyncapi.json
// Run by bootstrap's ApiDocumentsValidTest in the Maven build.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConfig, lint } from '@redocly/openapi-core';
import { Parser, fromFile } from '@asyncapi/parser';

const [openapiPath, asyncapiPath] = process.argv.slice(2).map((p) => resolve(p));
if (!openapiPath || !asyncapiPath) {
  console.error('usage: node validate.mjs OPENAPI.json ASYNCAPI.json');
  process.exit(2);
}

let failures = 0;

async function checkOpenApi(path) {
  const config = await createConfig({
    extends: ['recommended'],
    rules: {
      // Probes (/health...) and the documents themselves have no client error to document, and /ws
      // answers a successful upgrade with 101, not 2xx.
      'operation-4xx-response': 'off',
      'operation-2xx-response': 'off',
      // The stream's schemas (Event, Filters...) are kept here as well, identical to the AsyncAPI
      // document's (ApiDocumentsConformanceTest checks it), for tools that read only OpenAPI.
      'no-unused-components': 'off',
    },
  });
  const problems = await lint({ ref: path, config });
  for (const p of problems) {
    const where = p.location?.[0]?.pointer ?? '';
    console.error(`openapi ${p.severity} ${p.ruleId}: ${p.message} at ${where}`);
  }
  failures += problems.length;
  console.log(`openapi: ${path}: ${problems.length} problem(s)`);
}

async function checkAsyncApi(path) {
  JSON.parse(readFileSync(path, 'utf8')); // the served document must be plain JSON, not YAML
  const parser = new Parser();
  const { document, diagnostics } = await fromFile(parser, path).parse();
  // Severity 0 is an error, 1 a warning; hints (2, 3) are style suggestions only.
  const problems = diagnostics.filter((d) => d.severity <= 1);
  for (const d of problems) {
    console.error(`asyncapi ${d.severity === 0 ? 'error' : 'warning'} ${d.code}: ${d.message} at /${d.path.join('/')}`);
  }
  if (!document) problems.push('not parsed');
  failures += problems.length;
  console.log(`asyncapi: ${path}: ${problems.length} problem(s)`);
}

await checkOpenApi(openapiPath);
await checkAsyncApi(asyncapiPath);
console.log(failures === 0 ? 'API documents: valid' : `API documents: ${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
