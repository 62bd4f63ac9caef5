// Builds what is not built (or older than its sources): the server (tsc → dist/server) and the
// portal (vite → dist/web). `--force` rebuilds both.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function stale(output, ...sources) {
  if (force || !existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => existsSync(s) && (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > built);
}

function run(label, args) {
  const started = Date.now();
  process.stdout.write(`Building ${label}… `);
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

if (stale(path.join(root, 'dist/server/src/main.js'), path.join(root, 'src'), path.join(root, 'tsconfig.json'), path.join(root, 'package.json'))) {
  run('the server', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json']);
}
if (stale(path.join(root, 'dist/web/index.html'), path.join(root, 'web'))) {
  run('the portal', [bin('vite', 'bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error']);
}
