// The API tests' types (test/helpers/api-types.ts) describe the committed OpenAPI document: after
// the document changes (`npx vitest run test/openapi.test.ts -u`), `npm run api-types` brings them
// along, and until then this test fails.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypesFile, generateApiTypes } from './helpers/generate-api-types.js';

describe('API test types', () => {
  it('are generated from the committed OpenAPI document', async () => {
    const committed = await readFile(apiTypesFile, 'utf8');
    expect(committed === (await generateApiTypes()), 'test/helpers/api-types.ts is behind test/snapshots/openapi.json: run `npm run api-types`').toBe(true);
  });
});
