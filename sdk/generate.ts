// The SDK's types (src/schema.d.ts) are generated from the committed OpenAPI document
// (test/snapshots/openapi.json, which test/openapi.test.ts keeps equal to the one the app serves) by
// openapi-typescript: `npm run sdk:generate` writes them, sdk/schema.test.ts fails while they are behind.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const openApiSnapshot = path.join(here, '..', 'test', 'snapshots', 'openapi.json');
export const sdkSchemaFile = path.join(here, 'src', 'schema.d.ts');

/** The TypeScript that openapi-typescript writes for the committed document. */
export async function generateSdkSchema(): Promise<string> {
  const document = JSON.parse(await readFile(openApiSnapshot, 'utf8')) as OpenAPI3;
  const header = COMMENT_HEADER.replace(' */', ' * From test/snapshots/openapi.json: `npm run sdk:generate`.\n */');
  return `${header}${astToString(await openapiTS(document))}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(sdkSchemaFile, await generateSdkSchema());
  console.log(`Wrote ${path.relative(process.cwd(), sdkSchemaFile)}`);
}
