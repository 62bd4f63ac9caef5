// Builds the portal (vite) when dist/web is missing or older than web/ sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, webDist } from '../../src/paths.js';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export function webIsStale(): boolean {
  const index = path.join(webDist, 'index.html');
  const sources = path.join(projectRoot, 'web');
  if (!existsSync(sources)) return false;
  return !existsSync(index) || statSync(index).mtimeMs < newest(sources);
}

export function ensureWebBuilt(): void {
  if (!webIsStale()) return;
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
}
