// Outbound requests to addresses a tenant chose (an identity provider's issuer and every endpoint
// its discovery document names) and DNS look-ups (domain verification, ACC-5), through one
// resolver: DNS_SERVERS, or the system's. A URL's host is resolved first and every address it has
// must be public, unless OUTBOUND_ALLOW_PRIVATE lets loopback, private and CGNAT addresses through
// (never link-local: that is where cloud metadata services answer). The request then goes to the
// address that was checked, never to a second resolution (DNS rebinding), follows no redirect, has
// a time limit and a size limit. Callers answer every refusal and failure with one generic error,
// so the answer tells nothing about what listens where.
import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Config } from '../config.js';

/** ipaddr.js's name for the range an address is in ('unicast' = an ordinary public address). */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

/** Ranges OUTBOUND_ALLOW_PRIVATE opens: this machine and private networks, where a self-hosted provider may live. */
const privateRanges = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

/**
 * Whether a request may go to this address: a public unicast address, or with `allowPrivate` also
 * loopback, RFC 1918, IPv6 unique-local and CGNAT. Link-local (169.254.0.0/16 with the metadata
 * service, fe80::/10), multicast, broadcast, unspecified, reserved and documentation ranges, and
 * IPv6 forms that embed an IPv4 address elsewhere (NAT64, 6to4, Teredo) are never reached.
 */
export function outboundAddressAllowed(address: string, options: { allowPrivate: boolean }): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = addressRange(address);
  return range === 'unicast' || (options.allowPrivate && privateRanges.has(range));
}

/** Why an outbound request did not happen or did not complete; for the logs only, never for the caller. */
export class OutboundFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface OutboundRequest {
  method?: string;
  headers?: HeadersInit;
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal | null;
  redirect?: RequestRedirect;
}

export interface Outbound {
  /** The TXT records at a name, each record's strings joined; [] when there are none. Throws OutboundFailure when DNS fails. */
  txt(name: string): Promise<string[]>;
  /** A fetch for URLs a tenant chose: checked addresses only, no redirect followed (3xx is answered as is). */
  fetch(url: string | URL, init?: OutboundRequest): Promise<Response>;
}

export interface OutboundOptions {
  /** Whole request, DNS included. */
  timeoutMs?: number;
  /** Largest response body read. */
  maxBytes?: number;
  /**
   * Keep connections open for the next request to the same origin at the same checked address (a
   * caller that sends to the same receivers again and again: webhooks). Each request still resolves
   * and checks the host; a connection is only reused for the address that was checked.
   */
  keepAlive?: boolean;
}

const notFoundCodes = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

export function outbound(config: Pick<Config, 'dnsServers' | 'outboundAllowPrivate'>, options: OutboundOptions = {}): Outbound {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 1_048_576;
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  const agents = new Map<string, http.Agent>();
  /** The pooled agent of an origin at a checked address (at most 256 kept; the oldest is closed first). */
  function agentFor(url: URL, address: string, lookup: LookupFunction): http.Agent | false {
    if (!options.keepAlive) return false;
    const key = `${url.protocol}//${url.host}@${address}`;
    let agent = agents.get(key);
    if (!agent) {
      if (agents.size >= 256) {
        const [oldest, pooled] = agents.entries().next().value!;
        pooled.destroy();
        agents.delete(oldest);
      }
      agent = new (url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 16, lookup });
      agents.set(key, agent);
    }
    return agent;
  }
  if (config.dnsServers.length) resolver.setServers(config.dnsServers);

  async function records<T>(lookUp: () => Promise<T[]>): Promise<T[]> {
    try {
      return await lookUp();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (notFoundCodes.has(code)) return [];
      throw new OutboundFailure(`dns ${code || 'error'}`);
    }
  }

  async function txt(name: string): Promise<string[]> {
    return (await records(() => resolver.resolveTxt(name))).map((chunks) => chunks.join(''));
  }

  /** Every address of a host: an IP literal is itself; `localhost` names are loopback (RFC 6761). */
  async function addressesOf(hostname: string): Promise<string[]> {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) return [host];
    if (host === 'localhost' || host.endsWith('.localhost')) return ['127.0.0.1', '::1'];
    const [v4, v6] = [await records(() => resolver.resolve4(host)), await records(() => resolver.resolve6(host))];
    return [...v4, ...v6];
  }

  async function guardedFetch(input: string | URL, init: OutboundRequest = {}): Promise<Response> {
    const url = new URL(String(input));
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundFailure(`scheme ${url.protocol}`);
    if (url.username || url.password) throw new OutboundFailure('credentials in the URL');
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const addresses = await Promise.race([addressesOf(url.hostname), aborted(signal)]);
    if (addresses.length === 0) throw new OutboundFailure('no address');
    const refused = addresses.find((address) => !outboundAddressAllowed(address, { allowPrivate: config.outboundAllowPrivate }));
    if (refused !== undefined) throw new OutboundFailure(`address refused (${addressRange(refused)})`);
    const address = addresses.find((a) => isIP(a) === 4) ?? addresses[0]!;
    return send(url, address, init, signal);
  }

  function send(url: URL, address: string, init: OutboundRequest, signal: AbortSignal): Promise<Response> {
    const family = isIP(address);
    // The connection goes to the address checked above: no second resolution.
    const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? {}).forEach((value, key) => (headers[key] = value));
    const body = bodyBuffer(init.body);
    if (body) headers['content-length'] = String(body.length);
    const requestOf = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<Response>((resolve, reject) => {
      const request = requestOf(url, { method: init.method ?? 'GET', headers, lookup, signal, agent: agentFor(url, address, lookup) }, (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            incoming.destroy();
            reject(new OutboundFailure('response too large'));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', () => reject(new OutboundFailure('response interrupted')));
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 0;
          if (status < 200 || status > 599) return reject(new OutboundFailure(`status ${status}`));
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(incoming.headers)) {
            for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(key, item);
          }
          const empty = status === 204 || status === 205 || status === 304;
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: incoming.statusMessage, headers: responseHeaders }));
        });
      });
      request.on('error', (error) => reject(new OutboundFailure(signal.aborted ? 'timed out' : `connection ${(error as { code?: string }).code ?? 'error'}`)));
      request.end(body);
    });
  }

  return { txt, fetch: guardedFetch };
}

function bodyBuffer(body: OutboundRequest['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof ReadableStream) throw new OutboundFailure('streamed request bodies are not sent');
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = () => reject(new OutboundFailure('timed out'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
