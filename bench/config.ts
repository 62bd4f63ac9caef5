// Bench configuration: the two data scales, paths, and the options every command shares.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(benchDir, '..');
export const workDir = path.join(benchDir, '.work');
export const resultsDir = path.join(benchDir, 'results');
export const builtMain = path.join(projectRoot, 'dist', 'server', 'src', 'main.js');
export const builtApp = path.join(projectRoot, 'dist', 'server', 'src', 'app.js');
export const builtConfig = path.join(projectRoot, 'dist', 'server', 'src', 'config.js');

export type ScaleName = 'program' | 'small';

export interface Scale {
  name: ScaleName;
  providers: number;
  resellers: number;
  customers: number;
  /** Customers of the first provider ("the big provider"). */
  bigProviderCustomers: number;
  /** Resellers authorized with the big provider (its customers are spread over them). */
  bigProviderResellers: number;
  subscriptionsPerCustomer: number;
  publishers: number;
  offers: number;
  /** The largest CSP audience (offer 1: every active CSP reseller). */
  audienceMax: number;
  operatorProducts: number;
  /** Rows per INSERT … SELECT statement for the large tables (one progress step each). */
  chunk: number;
}

export const scales: Record<ScaleName, Scale> = {
  program: {
    name: 'program',
    providers: 5_000,
    resellers: 95_000,
    customers: 1_000_000,
    bigProviderCustomers: 200_000,
    bigProviderResellers: 2_000,
    subscriptionsPerCustomer: 3,
    publishers: 200,
    offers: 2_000,
    audienceMax: 100_000,
    operatorProducts: 50,
    chunk: 100_000,
  },
  small: {
    name: 'small',
    providers: 50,
    resellers: 950,
    customers: 10_000,
    bigProviderCustomers: 2_000,
    bigProviderResellers: 20,
    subscriptionsPerCustomer: 3,
    publishers: 2,
    offers: 20,
    audienceMax: 1_000,
    operatorProducts: 10,
    chunk: 5_000,
  },
};

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/bench';
/** A fixed secret so that the bench server and every app process agree (cookies, CSRF). */
export const benchSessionSecret = 'bench-session-secret-0123456789-abcdefghijklmnop';
export const demoPassword = 'Demo-Password-2026';

export interface Options {
  command: 'all' | 'generate' | 'run';
  scale: ScaleName;
  seed: number;
  databaseUrl: string;
  /** Seconds of measured load per scenario. */
  duration: number;
  /** Seconds of unmeasured load before each scenario. */
  warmup: number;
  /** Connections (concurrent requests) for scenarios that do not fix their own. */
  connections: number;
  scenarios: string[] | undefined;
  /** Regenerate even if the database already holds this scale and seed. */
  force: boolean;
  port: number;
  explain: boolean;
  /** Start the app processes with --cpu-prof and report their hottest functions. */
  cpuProf: boolean;
  /** Results file name after the date (default: the scenarios' names when only some run, none for a full run). */
  label: string | undefined;
}

export function parseOptions(argv: string[]): Options {
  const options: Options = {
    command: 'all',
    scale: 'program',
    seed: 1,
    databaseUrl: process.env.BENCH_DATABASE_URL || defaultDatabaseUrl,
    duration: 10,
    warmup: 3,
    connections: 20,
    scenarios: undefined,
    force: false,
    port: 18080,
    explain: true,
    cpuProf: false,
    label: undefined,
  };
  const args = [...argv];
  if (args[0] === 'generate' || args[0] === 'run' || args[0] === 'all') options.command = args.shift() as Options['command'];
  const value = (name: string) => {
    const next = args.shift();
    if (next === undefined) throw new Error(`${name} needs a value`);
    return next;
  };
  const number = (name: string, min: number) => {
    const raw = value(name);
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
    return parsed;
  };
  while (args.length) {
    const arg = args.shift()!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (inline !== undefined) args.unshift(inline);
    switch (flag) {
      case '--scale': {
        const scale = value(flag);
        if (scale !== 'program' && scale !== 'small') throw new Error(`--scale must be program or small, got "${scale}"`);
        options.scale = scale;
        break;
      }
      case '--seed':
        options.seed = Math.floor(number(flag, 0));
        break;
      case '--duration':
        options.duration = number(flag, 1);
        break;
      case '--warmup':
        options.warmup = number(flag, 0);
        break;
      case '--connections':
        options.connections = Math.floor(number(flag, 1));
        break;
      case '--scenario':
        options.scenarios = [...(options.scenarios ?? []), ...value(flag).split(',').filter(Boolean)];
        break;
      case '--database-url':
        options.databaseUrl = value(flag);
        break;
      case '--port':
        options.port = Math.floor(number(flag, 1));
        break;
      case '--force':
        options.force = true;
        break;
      case '--no-explain':
        options.explain = false;
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--label': {
        const label = value(flag);
        if (!/^[\w.+-]+$/.test(label)) throw new Error(`--label may hold letters, digits and . _ + - only, got "${label}"`);
        options.label = label;
        break;
      }
      case '--help':
      case '-h':
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option "${arg}"\n${usage}`);
    }
  }
  return options;
}

export const usage = `Usage: npm run bench -- [generate|run] [options]

  (no command)          generate the data if the bench database is empty or holds another scale/seed,
                        then run every scenario and write bench/results/
  generate              fill the bench database (always regenerates)
  run                   run the scenarios against the data already there

Options:
  --scale program|small   data scale (default program; small is 1/100, for trying things)
  --seed N                seed of the generated data (default 1)
  --duration S            measured seconds per scenario (default 10)
  --warmup S              unmeasured seconds before each scenario (default 3)
  --connections N         concurrent connections where a scenario does not fix its own (default 20)
  --scenario NAME[,NAME]  run only these scenarios (repeatable); see bench/README.md for names
  --database-url URL      PostgreSQL for the data (default $BENCH_DATABASE_URL or ${defaultDatabaseUrl})
  --port N                first port for the app processes (default 18080)
  --force                 regenerate even when the database already holds this scale and seed
  --no-explain            skip EXPLAIN (ANALYZE, BUFFERS, WAL) of the captured queries
  --cpu-prof              CPU profile of the app process over the measured run (inspector); top functions in the report
  --label NAME            results as bench/results/<date>-NAME.md/.json (default: the scenario names when
                          --scenario is given; a full run writes <date>.md/.json and latest.md)`;
