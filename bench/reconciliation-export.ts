// The reconciliation export of the largest provider's period (BIL-3), run once in this process as the
// job queue runs it (billing.reconciliationExport), printing its seconds, rows, file size and peak RSS
// (sampled every 50 ms, and the kernel's high-water mark) next to the RSS before it: memory stays flat
// whatever the size. The BUILT app (dist/) on the bench database, as the other job scenarios.
//   npx tsx bench/reconciliation-export.ts [--database-url URL] [--format csv|jsonl] [--direction received|issued] [--close-period] [--keep]
// The largest provider: the one whose documents of a closed period hold the most lines (received: the
// operator's invoices to it; issued: its invoices to its resellers). The generated program has no
// closed period: --close-period first closes the month of the latest charge lines with the month-end
// run (billing.closeBillingPeriod; its documents stay, as issued documents do, until the database is
// generated again). The export's row and file are removed afterwards unless --keep.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchSessionSecret, builtApp, builtConfig, defaultDatabaseUrl, projectRoot, workDir } from './config.js';
import { connect } from './db.js';

const builtReconciliation = path.join(projectRoot, 'dist', 'server', 'src', 'modules', 'billing', 'reconciliation', 'service.js');

function parseArgs(argv: string[]) {
  const options = { databaseUrl: process.env.BENCH_DATABASE_URL || defaultDatabaseUrl, format: 'csv' as 'csv' | 'jsonl', direction: 'received' as 'received' | 'issued', closePeriod: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '--database-url') options.databaseUrl = next();
    else if (arg === '--format') options.format = next() === 'jsonl' ? 'jsonl' : 'csv';
    else if (arg === '--direction') options.direction = next() === 'issued' ? 'issued' : 'received';
    else if (arg === '--close-period') options.closePeriod = true;
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // Measured as it ships: the app built (only what is stale) and run from dist/.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  const dataDir = path.join(workDir, 'reconciliation-export');
  const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'warn', DEMO: '0', WORKER: '0', SESSION_SECRET: benchSessionSecret, DATA_DIR: dataDir };
  const { loadConfig } = (await import(pathToFileURL(builtConfig).href)) as typeof import('../src/config.js');
  const { buildApp } = (await import(pathToFileURL(builtApp).href)) as typeof import('../src/app.js');
  const { reconciliationService } = (await import(pathToFileURL(builtReconciliation).href)) as typeof import('../src/modules/billing/reconciliation/service.js');
  const app = await buildApp(loadConfig(env));
  const client = await connect(options.databaseUrl);
  try {
    const tier = options.direction === 'received' ? 'provider' : 'reseller';
    const party = options.direction === 'received' ? 'recipient_tenant_id' : 'issuer_tenant_id';
    const largest = async () =>
      (
        await client.query<{ tenant_id: string; name: string; period_start: Date; documents: number; lines: number }>(
          `select i.${party} as tenant_id, t.name, i.period_start, count(*)::int as documents, sum(i.line_count)::int as lines
             from invoices i join tenants t on t.id = i.${party}
            where i.tier = $1 group by 1, 2, 3 order by 5 desc, 1 limit 1`,
          [tier],
        )
      ).rows[0];
    let chosen = await largest();
    if (!chosen && options.closePeriod) {
      const { rows } = await client.query<{ at: Date | null }>(`select max(created_at) as at from charge_lines`);
      if (!rows[0]?.at) throw new Error('The bench database has no charge lines: generate it first (npm run bench -- generate).');
      const at = new Date(rows[0].at);
      const period = { start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)), end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
      const started = performance.now();
      const run = await app.services.billing.closeBillingPeriod(period, period.end);
      console.log(`closed ${period.start.toISOString().slice(0, 7)}: ${run.documents.toLocaleString('en')} documents, ${run.lines.toLocaleString('en')} lines in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      chosen = await largest();
    }
    if (!chosen) throw new Error('No closed period has documents: run with --close-period to close the month of the latest charge lines first.');
    const month = new Date(chosen.period_start).toISOString().slice(0, 7);
    const { rows: created } = await client.query<{ id: string }>(
      `insert into reconciliation_exports (tenant_id, period_start, format, direction, status, created_at) values ($1, $2, $3, $4, 'queued', now()) returning id`,
      [chosen.tenant_id, chosen.period_start, options.format, options.direction],
    );
    const exportId = created[0]!.id;
    const reconciliation = reconciliationService(app.platform);

    const rssBefore = process.memoryUsage.rss();
    const samples: { at: number; rss: number }[] = [];
    const started = performance.now();
    const sample = () => samples.push({ at: performance.now() - started, rss: process.memoryUsage.rss() });
    const sampler = setInterval(sample, 50);
    await reconciliation.runExport({ exportId }, { id: 'bench', attempts: 1 });
    const ms = performance.now() - started;
    const seconds = ms / 1000;
    clearInterval(sampler);
    sample();
    const peak = Math.max(rssBefore, ...samples.map((s) => s.rss));
    // "Memory flat": the peak of the run's second half over its first half's (as the job scenarios judge it).
    const peakOf = (from: number, to: number) => Math.max(0, ...samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss));
    const { rows: done } = await client.query<{ status: string; row_count: number; byte_size: string }>(`select status, row_count, byte_size::text from reconciliation_exports where id = $1`, [exportId]);
    const result = done[0]!;
    console.log(
      [
        `reconciliation export (${options.direction}, ${options.format}) of ${chosen.name} for ${month}: ${chosen.documents.toLocaleString('en')} documents, ${chosen.lines.toLocaleString('en')} lines`,
        `  status ${result.status}: ${Number(result.row_count).toLocaleString('en')} rows, ${mb(Number(result.byte_size)).toFixed(1)} MB in ${seconds.toFixed(2)} s (${Math.round(result.row_count / seconds).toLocaleString('en')} rows/s)`,
        `  RSS before ${mb(rssBefore).toFixed(0)} MB, peak ${mb(peak).toFixed(0)} MB (+${mb(peak - rssBefore).toFixed(0)} MB); peak of the first half ${mb(peakOf(0, ms / 2)).toFixed(0)} MB, of the second ${mb(peakOf(ms / 2, ms)).toFixed(0)} MB; process high-water mark ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      ].join('\n'),
    );
    if (!options.keep) {
      await client.query(`delete from reconciliation_exports where id = $1`, [exportId]);
      rmSync(path.join(dataDir, 'exports', `${exportId}.${options.format}`), { force: true });
    }
  } finally {
    await client.end();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
