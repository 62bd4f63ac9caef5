// Environment → one typed, validated configuration object. A bad value stops the process with a
// message naming the variable (ConfigError), before anything else starts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mailUrl: string;
  sessionSecret: string;
  demo: boolean;
  operatorEmail: string | undefined;
  operatorPassword: string | undefined;
  /** Requests per minute per tenant (0 = unlimited). */
  tenantRateLimit: number;
  /** Failed token look-ups (invitation, verification, reset links) per IP per 15 minutes. */
  lookupLimit: number;
  logLevel: string;
  production: boolean;
  /** Run the background job worker in this process. */
  worker: boolean;
  /** Behind a reverse proxy: the client address comes from X-Forwarded-For. */
  trustProxy: boolean;
  /** How long a claimed job stays locked before another worker may take it (a worker that died). */
  jobLockSeconds: number;
  /** For crash tests only: the process kills itself (SIGKILL) the Nth time it reaches this named point. */
  crashAt?: { point: string; hit: number };
  /** DNS servers for domain verification and outbound requests (`ip` or `ip:port`); empty: the system's. */
  dnsServers: string[];
  /** Outbound requests to tenant-entered URLs may reach loopback, private and CGNAT addresses (never link-local). */
  outboundAllowPrivate: boolean;
  /** The bearer token GET /metrics asks for; unset: /metrics answers 404. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function crashPoint(env: Env): Config['crashAt'] {
  const raw = env.CRASH_AT;
  if (raw === undefined || raw === '') return undefined;
  if (env.NODE_ENV === 'production') throw new ConfigError('CRASH_AT', 'is for crash tests and cannot be set in production');
  const match = /^([a-z][a-z.-]*)(?::(\d+))?$/.exec(raw);
  if (!match) throw new ConfigError('CRASH_AT', `must be a point name with an optional :N, got "${raw}"`);
  return { point: match[1]!, hit: Number(match[2] ?? 1) };
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): URL | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}"`);
  }
  return parsed;
}

/**
 * DNS_SERVERS: comma-separated `ip[:port]` (IPv6 as `[ip]:port` or a bare `ip`), in the form the
 * resolver takes them.
 */
function dnsServers(env: Env): string[] {
  const raw = env.DNS_SERVERS;
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const item = entry.trim();
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(item) ?? (isIP(item) === 6 ? [item, item, undefined] : /^([^:]+)(?::(\d+))?$/.exec(item));
    const ip = match?.[1];
    const port = match?.[2];
    if (!ip || isIP(ip) === 0) throw new ConfigError('DNS_SERVERS', `must be comma-separated IP addresses with optional :port, got "${item}"`);
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw new ConfigError('DNS_SERVERS', `has a port out of range in "${item}"`);
    if (port === undefined) return ip;
    return isIP(ip) === 6 ? `[${ip}]:${Number(port)}` : `${ip}:${Number(port)}`;
  });
}

/** METRICS_TOKEN: a bearer token (visible ASCII, no spaces), long enough not to be guessed. */
function metricsToken(env: Env): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]+$/.test(raw)) throw new ConfigError('METRICS_TOKEN', 'must be visible ASCII characters without spaces');
  if (raw.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  return raw;
}

/** The session secret: from the environment, else generated once into DATA_DIR and reused. */
function sessionSecret(env: Env, dataDir: string): string {
  const raw = env.SESSION_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters');
    return raw;
  }
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:'])?.toString().replace(/\/$/, '') ?? `http://localhost:${port}`;
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])?.toString();
  const mailUrl = url(env, 'MAIL_URL', ['smtp:', 'smtps:', 'file:'])?.toString() ?? `file://${path.join(dataDir, 'mail')}`;
  const operatorEmail = env.OPERATOR_EMAIL || undefined;
  const operatorPassword = env.OPERATOR_PASSWORD || undefined;
  if (operatorEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(operatorEmail)) {
    throw new ConfigError('OPERATOR_EMAIL', `must be an email address, got "${operatorEmail}"`);
  }
  if ((operatorEmail === undefined) !== (operatorPassword === undefined)) {
    throw new ConfigError(operatorEmail ? 'OPERATOR_PASSWORD' : 'OPERATOR_EMAIL', 'must be set together with its pair');
  }
  if (operatorPassword !== undefined && operatorPassword.length < 12) {
    throw new ConfigError('OPERATOR_PASSWORD', 'must be at least 12 characters');
  }
  const logLevel = env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl,
    dataDir,
    databaseUrl,
    mailUrl,
    sessionSecret: sessionSecret(env, dataDir),
    demo: flag(env, 'DEMO', databaseUrl === undefined),
    operatorEmail,
    operatorPassword,
    tenantRateLimit: integer(env, 'TENANT_RATE_LIMIT', 20000, 0, 10_000_000),
    lookupLimit: integer(env, 'LOOKUP_LIMIT', 30, 1, 100_000_000),
    logLevel,
    production: env.NODE_ENV === 'production',
    worker: flag(env, 'WORKER', true),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    jobLockSeconds: integer(env, 'JOB_LOCK_SECONDS', 300, 1, 86_400),
    crashAt: crashPoint(env),
    dnsServers: dnsServers(env),
    // Outside production an identity provider often runs on this machine or the local network.
    outboundAllowPrivate: flag(env, 'OUTBOUND_ALLOW_PRIVATE', env.NODE_ENV !== 'production'),
    metricsToken: metricsToken(env),
  };
}
