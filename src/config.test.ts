// Configuration: defaults, and a bad value stops the process with a message naming the variable.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { projectRoot } from './paths.js';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'cc-config-'));

describe('configuration', () => {
  it('has the documented defaults', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080', dataDir: dir, databaseUrl: undefined, mailUrl: `file://${dir}/mail`, demo: true });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    // generated once, then reused
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(config.sessionSecret);
    const pg = loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://u@h:5432/db', PORT: '9000' });
    expect(pg).toMatchObject({ demo: false, publicUrl: 'http://localhost:9000', databaseUrl: 'postgres://u@h:5432/db' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://x'],
    ['MAIL_URL', 'http://mail'],
    ['SESSION_SECRET', 'short'],
    ['DEMO', 'maybe'],
    ['OPERATOR_EMAIL', 'not-an-email'],
    ['LOG_LEVEL', 'loud'],
    ['METRICS_TOKEN', 'too-short'],
    ['METRICS_TOKEN', 'has a space in the middle'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    const env: Record<string, string> = { DATA_DIR: dataDir(), [name]: value };
    if (name === 'OPERATOR_EMAIL') env.OPERATOR_PASSWORD = 'long-enough-password';
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('METRICS_TOKEN is unset by default (GET /metrics answers 404) and kept as given', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).metricsToken).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
  });

  it('OPERATOR_EMAIL and OPERATOR_PASSWORD come together', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), OPERATOR_EMAIL: 'op@example.com' })).toThrow(/OPERATOR_PASSWORD/);
  });

  it('the process stops at start with the message', async () => {
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir() },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain('Invalid configuration: PORT must be a whole number, got "eighty"');
  });
});
