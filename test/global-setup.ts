// Once per test run, in the runner's own process: build the portal if it is missing or older than
// its sources (the browser suite and the served app need it), give the run an ID, and afterwards
// remove what the run created (temporary folders, PostgreSQL test databases).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWebBuilt } from './helpers/build.js';
import { dropRunDatabases } from './helpers/postgres.js';

export default async function setup() {
  const runId = randomBytes(4).toString('hex');
  process.env.CC_TEST_RUN = runId;
  process.env.CC_TEST_DIR = path.join(os.tmpdir(), `channel-center-test-${runId}`);
  // SKIP_WEB_BUILD=1 runs the API suites alone while the portal's sources are being edited.
  if (process.env.SKIP_WEB_BUILD !== '1') ensureWebBuilt();
  return async () => {
    await dropRunDatabases(runId);
    rmSync(process.env.CC_TEST_DIR!, { recursive: true, force: true });
  };
}
