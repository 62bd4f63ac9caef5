// `npm test`: typecheck (server and portal), then every test (unit, API on PGlite and — with
// TEST_DATABASE_URL — PostgreSQL, browser with Chromium), then one summary line.
// Suites that cannot run here (no PostgreSQL, no Chromium) say so and are counted as skipped;
// with CI=true a skipped test fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const ci = process.env.CI === 'true';
let passed = 0;
let failed = 0;
let skipped = 0;

function step(label, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

for (const [label, project] of [
  ['typecheck: server and tests', 'tsconfig.json'],
  ['typecheck: portal', 'web/tsconfig.json'],
]) {
  if (!existsSync(path.join(root, project))) continue;
  if (step(label, [bin('typescript', 'bin/tsc'), '--noEmit', '-p', project])) passed++;
  else failed++;
}

if (!process.env.TEST_DATABASE_URL) {
  const reason = 'SKIPPED PostgreSQL suites: TEST_DATABASE_URL is not set (set it to e.g. postgres://postgres@127.0.0.1:5432/test)';
  console.log(`\n${reason}`);
}
if (!existsSync('/usr/bin/chromium')) console.log('SKIPPED browser suite: /usr/bin/chromium not found (apt-get install -y chromium)');

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
const extra = process.argv.slice(2);
step('tests (vitest)', [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // A file that failed to load counts as a failure even though none of its tests ran.
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} else {
  failed++;
}

if (ci && skipped > 0) {
  console.log(`CI=true: ${skipped} skipped test(s) count as failures.`);
  failed += skipped;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
