// Results: bench/results/<date>.json and .md (and latest.md), and the table on stdout.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resultsDir, type Options } from './config.js';
import type { BenchMeta } from './db.js';
import type { ScenarioResult } from './run.js';
import { webhooksRow, webhooksSection } from './webhooks.js';
import { portalRow, portalSection } from './portal.js';

const ms = (value: number | undefined) => (value === undefined ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const num = (value: number | undefined) => (value === undefined ? '—' : Math.round(value).toLocaleString('en'));

function goalText(r: ScenarioResult): string {
  const parts: string[] = [];
  if (r.goal.rps !== undefined) parts.push(`≥ ${r.goal.rps.toLocaleString('en')}/s`);
  if (r.goal.p99 !== undefined) parts.push(`p99 ≤ ${r.goal.p99} ms`);
  if (r.goal.seconds !== undefined) parts.push(`≤ ${r.goal.seconds} s${r.goal.rows ? ` for ${r.goal.rows.toLocaleString('en')} rows` : ''}`);
  if (r.goal.rssGrowthMb !== undefined) parts.push('memory flat');
  if (r.goal.readySeconds !== undefined) parts.push(`ready ≤ ${r.goal.readySeconds} s`);
  if (r.goal.rssMb !== undefined) parts.push(`RSS ≤ ${r.goal.rssMb} MB`);
  if (r.goal.performance !== undefined) parts.push(`Lighthouse performance ≥ ${r.goal.performance}, accessibility ≥ ${r.goal.accessibility}`);
  if (r.kind !== 'startup') parts.push(`ratio ≥ ${r.goal.ratio}`);
  return parts.join(', ');
}

export function resultTable(results: ScenarioResult[]): string {
  const lines = [
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | floor req/s | ratio | goal | met? |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    if (r.error) {
      lines.push(`| ${r.name} | — | — | — | — | — | — | — | — | ${goalText(r)} | ✗ (did not run) |`);
      continue;
    }
    const met = r.met ? '✓' : `✗ ${r.failures.join('; ')}`;
    if (r.webhooks) {
      lines.push(webhooksRow(r, goalText(r)));
      continue;
    }
    if (r.portal) {
      lines.push(portalRow(r, goalText(r)));
      continue;
    }
    if (r.job) {
      // A job: rows per second in the req/s column, its seconds in p50.
      lines.push(`| ${r.name} | ${num(r.job.rowsPerSecond)} rows/s | ${r.job.seconds.toFixed(1)} s | — | — | ${r.failures.some((f) => f.includes('expected')) ? 'yes' : 0} | ${num(r.peakRssMb)} | — | ${r.ratio?.toFixed(2) ?? '—'} | ${goalText(r)} | ${met} |`);
      continue;
    }
    if (r.kind === 'single') {
      const t = r.timings ?? [];
      const sorted = [...t].sort((a, b) => a - b);
      lines.push(
        `| ${r.name} | ${(1000 / (sorted[Math.floor(sorted.length / 2)] ?? 1)).toFixed(2)} | ${ms(sorted[Math.floor(sorted.length / 2)])} | — | max ${ms(sorted.at(-1))} | ${r.failures.some((f) => f.includes('errors')) ? 'yes' : 0} | ${num(r.peakRssMb)} | ${r.floorDbMs ? (1000 / r.floorDbMs).toFixed(1) : '—'} | ${r.ratio?.toFixed(2) ?? '—'} | ${goalText(r)} | ${met} |`,
      );
      continue;
    }
    const load = r.load!;
    if (load.requests === 0) {
      lines.push(`| ${r.name} | 0 | > ${load.seconds * 1000} | > ${load.seconds * 1000} | > ${load.seconds * 1000} | ${load.errors + load.non2xx} | ${num(r.peakRssMb)} | ${r.floorDb ? num(r.floorDb.rps) : '—'} | 0 | ${goalText(r)} | ✗ ${r.failures.join('; ')} |`);
      continue;
    }
    const startup = r.kind === 'startup' ? ` (ready ${r.readySeconds?.toFixed(2)} s)` : '';
    lines.push(
      `| ${r.name}${startup} | ${num(load.rps)} | ${ms(load.p50)} | ${ms(load.p95)} | ${ms(load.p99)} | ${load.errors + load.non2xx} | ${num(r.peakRssMb)} | ${r.floorDb ? num(r.floorDb.rps) : '—'} | ${r.ratio?.toFixed(2) ?? '—'} | ${goalText(r)} | ${met} |`,
    );
  }
  return lines.join('\n');
}

export function writeReport(options: Options, meta: BenchMeta, results: ScenarioResult[]) {
  mkdirSync(resultsDir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  // A run of some scenarios (a rerun, a profile) gets its own file and leaves the day's full report and latest.md alone.
  const label = options.label ?? options.scenarios?.join('+');
  const file = label ? `${date}-${label}` : date;
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.release()}` };
  const json = { date: new Date().toISOString(), machine, options: { ...options, databaseUrl: options.databaseUrl.replace(/:[^:@/]*@/, ':***@') }, data: meta, results };
  writeFileSync(path.join(resultsDir, `${file}.json`), JSON.stringify(json, null, 2) + '\n');

  const md: string[] = [];
  md.push(`# Bench results ${date}${label ? ` (${label})` : ''}`, '');
  md.push(
    `Scale **${meta.scale}** (seed ${meta.seed}, generated ${meta.generatedAt} in ${meta.seconds.toFixed(0)} s); ${options.duration} s measured per scenario after ${options.warmup} s of warm-up; ` +
      `${machine.cpus} CPUs (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}. App processes: built, NODE_ENV=production, TENANT_RATE_LIMIT=0, LOG_LEVEL=warn, WORKER=0, pool of 10 connections each.`,
    '',
  );
  md.push(resultTable(results), '');
  md.push(
    '*floor req/s*: the same server answering a route with the same number of database round trips (`select 1` through the app\'s pool) and the same response size, ' +
      'no logic, same connections; *ratio* = scenario ÷ that floor. For the single timed requests (import/export) the req/s columns are 1 ÷ median seconds. ' +
      'For the jobs (renewal-day, cycle-fee-sweep, billing-run, reconciliation-export) req/s is rows per second, p50 the job\'s seconds, and *ratio* its rows per second ÷ the goal\'s, or the goal\'s seconds ÷ its seconds where the goal names no rows (≥ 1 meets it).',
    '',
  );

  const checkout = results.find((r) => r.name === 'checkout' && r.load);
  const scaled = results.find((r) => r.name === 'checkout-2-processes' && r.load);
  if (checkout && scaled) {
    md.push('## Scale-out', '', `Checkout: 1 process ${num(checkout.load!.rps)} req/s, 2 processes ${num(scaled.load!.rps)} req/s on the same PostgreSQL → **×${(scaled.load!.rps / checkout.load!.rps).toFixed(2)}** (on ${machine.cpus} cores shared by the app processes, PostgreSQL and the load generator).`, '');
  }

  md.push('## Per scenario', '');
  for (const r of results) {
    md.push(`### ${r.name}: ${r.title}`, '');
    if (r.note) md.push(`- ${r.note}`);
    if (r.error) md.push('- **did not run**:', '', '```', r.error, '```');
    if (r.connections) md.push(`- connections: ${r.connections}${r.processes && r.processes > 1 ? ` over ${r.processes} processes` : ''}`);
    if (r.load) md.push(`- requests: ${r.load.requests.toLocaleString('en')} in ${r.load.seconds} s; status codes: ${JSON.stringify(r.load.statusCodes)}; max latency ${ms(r.load.max)} ms`);
    if (r.timings) md.push(`- timed requests: ${r.timings.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`);
    if (r.roundTrips !== undefined) md.push(`- database round trips per request: **${r.roundTrips}**; response: ${r.responseBytes?.toLocaleString('en')} bytes${r.captureMs !== undefined ? `; the same request alone, before the load: ${ms(r.captureMs)} ms` : ''}`);
    if (r.floorJson) md.push(`- floors: JSON only ${num(r.floorJson.rps)} req/s (p99 ${ms(r.floorJson.p99)} ms); ${r.roundTrips} round trips + JSON ${num(r.floorDb?.rps)} req/s (p99 ${ms(r.floorDb?.p99)} ms)`);
    if (r.floorJsonMs !== undefined) md.push(`- floors: JSON only ${ms(r.floorJsonMs)} ms; ${r.roundTrips} round trips + JSON ${ms(r.floorDbMs)} ms`);
    if (r.cores) md.push(`- CPU during the run (cores of ${os.cpus().length}): app ${r.cores.app.toFixed(2)}, PostgreSQL ${r.cores.postgres.toFixed(2)}, load generator ${r.cores.loadGenerator.toFixed(2)}, everything else ${r.cores.other.toFixed(2)}`);
    if (r.eventLoop) md.push(`- app event-loop utilization during the run: ${r.eventLoop.map((u) => `${(u * 100).toFixed(0)}%`).join(', ')}`);
    if (r.peakRssMb !== undefined) md.push(`- peak RSS ${num(r.peakRssMb)} MB (VmHWM ${num(r.vmHwmMb)} MB)${r.rssBeforeMb !== undefined ? `; RSS before the first request ${num(r.rssBeforeMb)} MB, after the last ${num(r.rssAfterMb)} MB` : ''}`);
    if (r.webhooks) md.push(...webhooksSection(r));
    if (r.portal) md.push(...portalSection(r));
    if (r.job) {
      const j = r.job;
      md.push(`- clock ${j.clock}; ${j.call} → ${JSON.stringify(j.result)} (expected ${JSON.stringify(j.expected)})`);
      md.push(
        `- **${j.seconds.toFixed(1)} s** for ${j.rows.toLocaleString('en')} rows: **${num(j.rowsPerSecond)} rows/s** ` +
          (r.goal.rows && r.goal.seconds ? `(goal ${num(r.goal.rows / r.goal.seconds)} rows/s: ratio ${r.ratio?.toFixed(2)})` : `(goal ${r.goal.seconds} s: ratio ${r.ratio?.toFixed(2)})`),
      );
      md.push(`- job process RSS: ${num(j.rssBeforeMb)} MB once built, peak ${num(r.peakRssMb)} MB during the job (VmHWM ${num(r.vmHwmMb)} MB); peak of the second half − peak of the first: ${j.rssGrowthMb.toFixed(0)} MB; per second: ${j.rssSeries.join(', ')}`);
      md.push(`- database time (the job's statements, end to end from the process) ${(j.databaseShare * 100).toFixed(0)} % of the wall time; transactions: ${j.transactions.count}, median ${ms(j.transactions.p50Ms)} ms, slowest ${ms(j.transactions.maxMs)} ms (first ${j.transactions.firstMs.map(ms).join(', ')}; last ${j.transactions.lastMs.map(ms).join(', ')})`);
      md.push(`- WAL written by the server during the run: ${num(j.wal.mb)} MB (${(j.wal.mb * 1024 * 1024 / Math.max(1, j.rows)).toFixed(0)} bytes per row), ${j.wal.checkpoints} checkpoint(s)`);
      if (j.restore) md.push(`- restored after the run in ${j.restore.seconds.toFixed(1)} s (of which VACUUM ANALYZE ${j.restore.vacuumSeconds.toFixed(1)} s): ${j.restore.summary}`);
      md.push('', 'Where the time goes (statements as the job process saw them):', '', '| statement | calls | total ms | share of the run | median ms | max ms | first calls ms | last calls ms |', '|---|---:|---:|---:|---:|---:|---|---|');
      for (const st of j.statements) md.push(`| ${st.label.replace(/\|/g, '\\|')} | ${st.calls} | ${num(st.totalMs)} | ${(st.share * 100).toFixed(1)}% | ${ms(st.p50Ms)} | ${ms(st.maxMs)} | ${st.firstMs.map(ms).join(', ')} | ${st.lastMs.map(ms).join(', ')} |`);
      md.push('');
    }
    if (r.profile?.length) {
      md.push('', 'CPU profile of the app process (self time):', '', '| function | self ms | share |', '|---|---:|---:|');
      for (const p of r.profile) md.push(`| \`${p.function.replace(/\|/g, '\\|')}\` | ${p.selfMs} | ${(p.share * 100).toFixed(1)}% |`);
    }
    if (r.queries?.length) {
      const flagged = r.queries.flatMap((q) => q.seqScans.map((s) => `${s.table} (${s.rows.toLocaleString('en')} rows)`));
      md.push('', flagged.length ? `**Seq Scan on a large table:** ${[...new Set(flagged)].join(', ')}` : 'No Seq Scan on a table over 10,000 rows.', '');
      md.push('<details><summary>Queries and plans (EXPLAIN (ANALYZE, BUFFERS, WAL) with the captured parameters)</summary>', '');
      for (const q of r.queries) {
        md.push(`**${q.calls}×** \`${q.sql.replace(/\s+/g, ' ').slice(0, 600).replace(/`/g, "'")}\``, '');
        if (q.skipped) md.push(`(not explained: ${q.skipped})`, '');
        if (q.plan) md.push('```', q.plan, '```', '');
        if (q.seqScans.length) md.push(`⚠ Seq Scan on ${q.seqScans.map((s) => `${s.table} (${s.rows.toLocaleString('en')} rows)`).join(', ')}`, '');
      }
      md.push('</details>');
    }
    md.push('');
  }

  md.push('## Data generation', '', `Total ${meta.seconds.toFixed(1)} s for the ${meta.scale} scale (seed ${meta.seed}).`, '', '| table | rows | seconds |', '|---|---:|---:|');
  for (const step of meta.steps) md.push(`| ${step.table} | ${step.rows ? step.rows.toLocaleString('en') : ''} | ${step.seconds.toFixed(1)} |`);
  md.push('');

  const text = md.join('\n');
  writeFileSync(path.join(resultsDir, `${file}.md`), text);
  if (!label) copyFileSync(path.join(resultsDir, `${file}.md`), path.join(resultsDir, 'latest.md'));
  return { markdown: path.join(resultsDir, `${file}.md`), json: path.join(resultsDir, `${file}.json`) };
}
