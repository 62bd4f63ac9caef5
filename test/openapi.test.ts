// The API's contract does not move by accident: the OpenAPI document the app serves is compared with
// the committed one (test/snapshots/openapi.json). A deliberate change of the API updates that file
// (`npx vitest run test/openapi.test.ts -u`) and shows up in review as its diff.
import { describe, expect, it } from 'vitest';
import { Client } from './helpers/client.js';
import { target } from './helpers/server.js';

describe('OpenAPI document', () => {
  it('is the committed one', async () => {
    const t = await target('pglite');
    const doc = (await new Client(t.url).get('/v1/openapi.json')).body;
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot('./snapshots/openapi.json');
  });
});
