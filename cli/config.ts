// Where the CLI keeps its sign-in: a JSON file (CHANNEL_CENTER_CONFIG, else
// ~/.config/channel-center/config.json, readable by its owner only). CHANNEL_CENTER_URL and
// CHANNEL_CENTER_TOKEN override what the file says. An app's client secret is kept so that its
// one-hour access token can be renewed; the token is kept with its expiry and reused until then.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, requestAppToken, type ChannelCenterClient } from '../sdk/src/index.js';
import { AuthError, UsageError } from './errors.js';

export type StoredAppAuth = { type: 'app'; clientId: string; clientSecret: string; scope?: string; accessToken?: string; expiresAt?: string };
export type StoredAuth = { type: 'token'; token: string } | StoredAppAuth;

export interface StoredConfig {
  url?: string;
  auth?: StoredAuth;
}

export type Env = Record<string, string | undefined>;

export function configPath(env: Env): string {
  return env.CHANNEL_CENTER_CONFIG || path.join(env.HOME || os.homedir(), '.config', 'channel-center', 'config.json');
}

export async function readConfig(env: Env): Promise<StoredConfig> {
  const file = configPath(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return JSON.parse(text) as StoredConfig;
  } catch {
    throw new UsageError(`${file} is not valid JSON: sign in again with \`channel-center login\` or remove it`);
  }
}

export async function writeConfig(env: Env, config: StoredConfig): Promise<void> {
  const file = configPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}

/** The server's address: the environment's, else the stored one. */
export function serverUrl(env: Env, config: StoredConfig): string {
  const url = env.CHANNEL_CENTER_URL || config.url;
  if (!url) throw new UsageError('No server address: run `channel-center login --url <url> …` or set CHANNEL_CENTER_URL');
  return url;
}

/**
 * A client signed in as the environment or the config file says: CHANNEL_CENTER_TOKEN, else the
 * stored personal access token, else the stored app's access token (renewed, and stored again, a
 * minute before it expires).
 */
export async function signedInClient(env: Env, signal?: AbortSignal): Promise<ChannelCenterClient> {
  const config = await readConfig(env);
  if (!env.CHANNEL_CENTER_URL && !config.url) throw new AuthError('Not signed in: run `channel-center login --url <url> …`, or set CHANNEL_CENTER_URL and CHANNEL_CENTER_TOKEN');
  const baseUrl = serverUrl(env, config);
  if (env.CHANNEL_CENTER_TOKEN) return createClient({ baseUrl, token: env.CHANNEL_CENTER_TOKEN, signal });
  const auth = config.auth;
  if (!auth) throw new AuthError('Not signed in: run `channel-center login` or set CHANNEL_CENTER_TOKEN');
  if (auth.type === 'token') return createClient({ baseUrl, token: auth.token, signal });
  let current: StoredAuth = auth;
  let renewing: Promise<string> | undefined;
  const renew = async () => {
    const signedIn = await appSignIn(baseUrl, auth.clientId, auth.clientSecret, auth.scope);
    current = signedIn.auth;
    await writeConfig(env, { ...config, auth: current });
    return signedIn.accessToken;
  };
  return createClient({
    baseUrl,
    signal,
    token: () => {
      if (current.type === 'app' && current.accessToken && current.expiresAt && Date.parse(current.expiresAt) - 60_000 > Date.now()) return current.accessToken;
      renewing ??= renew().finally(() => {
        renewing = undefined;
      });
      return renewing;
    },
  });
}

/** Exchanges an app's client credentials for an access token (refusing wrong ones) and what to store. */
export async function appSignIn(baseUrl: string, clientId: string, clientSecret: string, scope?: string): Promise<{ auth: StoredAppAuth; accessToken: string; scope: string }> {
  const answer = await requestAppToken({ baseUrl, clientId, clientSecret, scope });
  const expiresAt = new Date(Date.now() + answer.expires_in * 1000).toISOString();
  return { auth: { type: 'app', clientId, clientSecret, ...(scope ? { scope } : {}), accessToken: answer.access_token, expiresAt }, accessToken: answer.access_token, scope: answer.scope };
}
