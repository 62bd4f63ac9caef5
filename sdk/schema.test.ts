// The SDK's types (src/schema.d.ts) describe the committed OpenAPI document: after the document
// changes (`npx vitest run test/openapi.test.ts -u`), `npm run sdk:generate` brings them along, and
// until then this test fails.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateSdkSchema, sdkSchemaFile } from './generate.js';

describe('SDK types', () => {
  it('are generated from the committed OpenAPI document', async () => {
    const committed = await readFile(sdkSchemaFile, 'utf8');
    expect(committed === (await generateSdkSchema()), 'sdk/src/schema.d.ts is behind test/snapshots/openapi.json: run `npm run sdk:generate`').toBe(true);
  });
});
