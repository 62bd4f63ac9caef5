// npm run bench -- [generate|run] [options]: see bench/README.md.
import { execFileSync } from 'node:child_process';
import { projectRoot, parseOptions, scales } from './config.js';
import { readMeta } from './db.js';
import { generate } from './generate.js';
import { resultTable, writeReport } from './report.js';
import { runScenarios } from './run.js';

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const scale = scales[options.scale];
  // The app is measured as it ships: built (tsc + vite, only what is stale) and run from dist/.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (options.command === 'generate') {
    const { meta } = await generate(options.databaseUrl, scale, options.seed);
    printGeneration(meta);
    return;
  }
  let meta = await readMeta(options.databaseUrl);
  if (options.command === 'all' && (options.force || !meta || meta.scale !== scale.name || meta.seed !== options.seed)) {
    meta = (await generate(options.databaseUrl, scale, options.seed)).meta;
    printGeneration(meta);
  }
  if (!meta) throw new Error(`The bench database holds no generated data: run \`npm run bench -- generate --scale ${scale.name}\` first.`);
  if (meta.scale !== scale.name || meta.seed !== options.seed) {
    process.stderr.write(`Note: the bench database holds the ${meta.scale} scale (seed ${meta.seed}); running against that.\n`);
  }
  const results = await runScenarios({ ...options, seed: meta.seed }, scales[meta.scale as keyof typeof scales], meta);
  const files = writeReport({ ...options, seed: meta.seed }, meta, results);
  console.log(`\n${resultTable(results)}\n\nResults: ${files.markdown}, ${files.json}`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

function printGeneration(meta: { scale: string; seconds: number; steps: { table: string; rows: number; seconds: number }[] }) {
  console.log(`\nGenerated the ${meta.scale} scale in ${meta.seconds.toFixed(1)} s:`);
  for (const step of meta.steps) console.log(`  ${step.table.padEnd(34)} ${(step.rows ? step.rows.toLocaleString('en') : '').padStart(11)} rows ${step.seconds.toFixed(1).padStart(7)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
