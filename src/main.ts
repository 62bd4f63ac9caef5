// Command-line entry: serve (default) | migrate | seed-demo | backup <file> | restore <file> | mfa-code <email>.
import path from 'node:path';
import { buildApp, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseLockedError, migrate, openDatabase } from './db/index.js';
import { demoPassword, demoSecondFactorEmails, demoSignIns, demoTotpSecret, demoWithoutSecondFactor, isEmpty, seedDemo } from './demo.js';
import { totpPeriodSeconds } from './modules/identity/mfa/rules.js';
import { totpCodeAt, totpStepNow } from './modules/identity/mfa/totp.js';

async function prepare(app: App, config: Config) {
  const ctx = { requestId: 'startup', locale: 'en' as const };
  const empty = await isEmpty(app);
  if (config.operatorEmail && config.operatorPassword) {
    const operator = await app.services.identity.ensureOperator(ctx, { email: config.operatorEmail, password: config.operatorPassword });
    if (operator.created) console.log(`Created the operator tenant with admin ${config.operatorEmail}`);
  }
  if (config.demo && empty) {
    await seedDemo(app);
    return true;
  }
  return false;
}

async function printSignIns(app: App) {
  const accounts = await demoSignIns(app);
  if (accounts.length === 0) return;
  console.log(`\nDemo sign-ins (password for all: ${demoPassword}):`);
  const withCode = new Set(demoSecondFactorEmails());
  for (const account of accounts) {
    const state = account.stage && account.stage !== 'active' ? ` — enrollment ${account.stage}` : '';
    const factor = withCode.has(account.email) ? ' — code: npm run mfa-code -- <email>' : account.email === demoWithoutSecondFactor ? ' — adds its second factor at first sign-in' : '';
    console.log(`  ${account.program.padEnd(17)} ${account.email.padEnd(40)} ${account.organization} (${account.country})${state}${factor}`);
  }
  console.log('The program requires a second factor of the operator and partner admins (ACC-4): after the password, enter the code `npm run mfa-code -- <email>` prints.');
}

/** The current code of a demo user's authenticator app (its secret is derived from a demo-only value). */
function printMfaCode(email: string | undefined) {
  if (!email || !demoSecondFactorEmails().includes(email.toLowerCase())) {
    console.error(`Usage: npm run mfa-code -- <email>, for one of: ${demoSecondFactorEmails().join(', ')}`);
    process.exit(2);
  }
  const step = totpStepNow();
  const seconds = Math.ceil(((step + 1) * totpPeriodSeconds * 1000 - Date.now()) / 1000);
  console.log(`${totpCodeAt(demoTotpSecret(email), step)} (this 30-second step ends in ${seconds} s; the code is still accepted for one step after)`);
}

async function serve(config: Config) {
  const started = Date.now();
  const app = await buildApp(config);
  await prepare(app, config);
  await app.fastify.listen({ port: config.port, host: config.host });
  if (config.worker) app.platform.jobs.start();
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Channel Center is ready on http://localhost:${port} (database: ${app.platform.database.kind}, ${Date.now() - started} ms)`);
  console.log(`API docs: http://localhost:${port}/docs`);
  if (config.demo) await printSignIns(app);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

async function main() {
  const command = process.argv[2] ?? 'serve';
  if (command === 'mfa-code') return printMfaCode(process.argv[3]);
  const config = loadConfig();
  if (command === 'serve') return serve(config);
  if (command === 'migrate') {
    const database = await openDatabase(config);
    await migrate(database);
    await database.close();
    console.log(`Migrated the ${database.kind} database.`);
    return;
  }
  if (command === 'seed-demo') {
    const app = await buildApp(config);
    const seeded = await prepare(app, { ...config, demo: true });
    await app.platform.jobs.drain();
    console.log(seeded ? 'Seeded the demo program.' : 'The database is not empty; the demo was not seeded.');
    await printSignIns(app);
    await app.close();
    return;
  }
  if (command === 'backup' || command === 'restore') {
    const file = process.argv[3];
    if (!file) {
      console.error(`Usage: npm run ${command} -- <file>`);
      process.exit(2);
    }
    const { backup, restore } = await import('./db/backup.js');
    if (command === 'backup') {
      const result = await backup(config, path.resolve(file));
      console.log(`Backed up the ${result.kind} database to ${file} (${result.bytes} bytes).`);
    } else {
      const result = await restore(config, path.resolve(file));
      console.log(`Restored the ${result.kind} database from ${file}.${result.movedAside ? ` The previous data folder is kept at ${result.movedAside}.` : ''}`);
    }
    return;
  }
  console.error(`Unknown command "${command}". Use: serve | migrate | seed-demo | backup <file> | restore <file> | mfa-code <email>`);
  process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
