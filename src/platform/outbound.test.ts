// The outbound guard: which addresses a tenant-entered URL may reach, the DNS_SERVERS and
// OUTBOUND_ALLOW_PRIVATE settings, and real requests through it to HTTP servers on loopback and
// names served by a real DNS server on loopback (names that resolve to private or metadata
// addresses are refused before any connection is attempted).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDns } from '../../test/helpers/dns.js';
import { ConfigError, loadConfig } from '../config.js';
import { outbound, outboundAddressAllowed, OutboundFailure } from './outbound.js';

const strict = { allowPrivate: false };
const permissive = { allowPrivate: true };

describe('the address classifier', () => {
  it.each([
    ['93.184.216.34', 'a public IPv4 address'],
    ['8.8.8.8', 'a public resolver'],
    ['2606:4700:4700::1111', 'a public IPv6 address'],
    ['::ffff:8.8.8.8', 'a public IPv4 address mapped into IPv6'],
  ])('%s (%s) is reached in every mode', (address) => {
    expect(outboundAddressAllowed(address, strict)).toBe(true);
    expect(outboundAddressAllowed(address, permissive)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'IPv6 loopback'],
    ['::ffff:127.0.0.1', 'loopback mapped into IPv6'],
    ['10.0.0.1', 'RFC 1918'],
    ['172.16.5.4', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['::ffff:10.1.2.3', 'RFC 1918 mapped into IPv6'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
  ])('%s (%s) is refused unless private addresses are allowed', (address) => {
    expect(outboundAddressAllowed(address, strict)).toBe(false);
    expect(outboundAddressAllowed(address, permissive)).toBe(true);
  });

  it.each([
    ['169.254.169.254', 'the cloud metadata service (link-local)'],
    ['169.254.0.1', 'link-local'],
    ['::ffff:169.254.169.254', 'the metadata service mapped into IPv6'],
    ['fe80::1', 'IPv6 link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'IPv6 unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'IPv6 multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['64:ff9b::a00:1', 'NAT64 (embeds 10.0.0.1)'],
    ['2002:a00:1::1', '6to4 (embeds 10.0.0.1)'],
    ['not-an-address', 'not an IP address'],
  ])('%s (%s) is never reached', (address) => {
    expect(outboundAddressAllowed(address, strict)).toBe(false);
    expect(outboundAddressAllowed(address, permissive)).toBe(false);
  });
});

describe('configuration of DNS and outbound requests', () => {
  const env = (extra: Record<string, string>) => ({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'cc-outbound-')), ...extra });

  it('DNS_SERVERS: comma-separated ip[:port], IPv6 in brackets with a port; unset is the system resolvers', () => {
    expect(loadConfig(env({})).dnsServers).toEqual([]);
    expect(loadConfig(env({ DNS_SERVERS: '127.0.0.1:5353, 10.0.0.2 ,[::1]:53,2001:db8::53' })).dnsServers).toEqual(['127.0.0.1:5353', '10.0.0.2', '[::1]:53', '2001:db8::53']);
  });

  it.each(['dns.example.com', '1.2.3.4:0', '1.2.3.4:70000', '1.2.3.4:x', '1.2.3.4,,5.6.7.8', '[::1', '300.1.1.1'])('refuses DNS_SERVERS=%s naming the variable', (value) => {
    expect(() => loadConfig(env({ DNS_SERVERS: value }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ DNS_SERVERS: value }))).toThrow(/^Invalid configuration: DNS_SERVERS /);
  });

  it('OUTBOUND_ALLOW_PRIVATE: off in production, on elsewhere, and settable', () => {
    expect(loadConfig(env({ NODE_ENV: 'production' })).outboundAllowPrivate).toBe(false);
    expect(loadConfig(env({ NODE_ENV: 'test' })).outboundAllowPrivate).toBe(true);
    expect(loadConfig(env({})).outboundAllowPrivate).toBe(true);
    expect(loadConfig(env({ NODE_ENV: 'test', OUTBOUND_ALLOW_PRIVATE: '0' })).outboundAllowPrivate).toBe(false);
    expect(() => loadConfig(env({ OUTBOUND_ALLOW_PRIVATE: 'maybe' }))).toThrow(/^Invalid configuration: OUTBOUND_ALLOW_PRIVATE /);
  });
});

describe('requests through the guard', () => {
  let dns: TestDns;
  let server: http.Server;
  let port: number;
  const hits: { path: string; host: string }[] = [];

  beforeAll(async () => {
    dns = await startDnsServer();
    server = http.createServer((request, response) => {
      hits.push({ path: request.url ?? '', host: request.headers.host ?? '' });
      if (request.url === '/redirect') return void response.writeHead(302, { location: `http://127.0.0.1:${port}/target` }).end();
      if (request.url === '/slow') return; // never answers
      if (request.url === '/large') return void response.end('x'.repeat(10_000));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, method: request.method }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dns.close();
  });

  const guard = (allowPrivate: boolean, options = {}) => outbound({ dnsServers: [dns.server], outboundAllowPrivate: allowPrivate }, options);
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundFailure);
    return (error as OutboundFailure).reason;
  };

  it('with private addresses refused, a server listening on loopback gets no request', async () => {
    const before = hits.length;
    expect(await failure(guard(false).fetch(`http://127.0.0.1:${port}/`))).toBe('address refused (loopback)');
    expect(await failure(guard(false).fetch(`http://localhost:${port}/`))).toBe('address refused (loopback)');
    expect(await failure(guard(false).fetch(`http://[::1]:${port}/`))).toBe('address refused (loopback)');
    expect(hits.length).toBe(before);
  });

  it('a name is resolved through DNS_SERVERS and refused when any of its addresses is not public, before connecting', async () => {
    dns.a.set('private.guard.test', ['10.0.0.1']);
    dns.a.set('metadata.guard.test', ['169.254.169.254']);
    dns.a.set('mixed.guard.test', ['93.184.216.34', '10.0.0.1']);
    dns.aaaa.set('ula.guard.test', ['fd00::1']);
    expect(await failure(guard(false).fetch('https://private.guard.test/.well-known/openid-configuration'))).toBe('address refused (private)');
    expect(await failure(guard(true).fetch('https://metadata.guard.test/latest/meta-data/'))).toBe('address refused (linkLocal)');
    expect(await failure(guard(false).fetch('https://mixed.guard.test/'))).toBe('address refused (private)');
    expect(await failure(guard(false).fetch('https://ula.guard.test/'))).toBe('address refused (uniqueLocal)');
    expect(await failure(guard(false).fetch('https://nowhere.guard.test/'))).toBe('no address');
    expect(dns.asked).toEqual(expect.arrayContaining(['private.guard.test', 'metadata.guard.test', 'mixed.guard.test']));
  });

  it('connects to the address it checked, with the name as Host; one resolution per request', async () => {
    dns.a.set('idp.guard.test', ['127.0.0.1']);
    const askedBefore = dns.asked.filter((n) => n === 'idp.guard.test').length;
    const response = await guard(true).fetch(`http://idp.guard.test:${port}/doc`, { method: 'POST', body: new URLSearchParams({ a: '1' }), headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, method: 'POST' });
    expect(hits.at(-1)).toEqual({ path: '/doc', host: `idp.guard.test:${port}` });
    // One A and one AAAA question: the connection did not resolve the name again.
    expect(dns.asked.filter((n) => n === 'idp.guard.test').length - askedBefore).toBe(2);
  });

  it('follows no redirect: the 3xx is the answer and its target gets no request', async () => {
    const response = await guard(true).fetch(`http://127.0.0.1:${port}/redirect`);
    expect(response.status).toBe(302);
    expect(hits.some((h) => h.path === '/target')).toBe(false);
  });

  it('times out, and stops reading a response larger than the limit', async () => {
    const started = Date.now();
    expect(await failure(guard(true, { timeoutMs: 300 }).fetch(`http://127.0.0.1:${port}/slow`))).toBe('timed out');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await failure(guard(true, { maxBytes: 1_000 }).fetch(`http://127.0.0.1:${port}/large`))).toBe('response too large');
  });

  it('refuses schemes other than http and https, and credentials in the URL', async () => {
    expect(await failure(guard(true).fetch('file:///etc/passwd'))).toBe('scheme file:');
    expect(await failure(guard(true).fetch(`http://user:pass@127.0.0.1:${port}/`))).toBe('credentials in the URL');
  });

  it('TXT records: each record with its strings joined; none for an unknown name', async () => {
    dns.txt.set('_channelcenter-verification.guard.test', ['v=spf1 -all', 'channel-center-verification=abc']);
    expect((await guard(false).txt('_channelcenter-verification.guard.test')).sort()).toEqual(['channel-center-verification=abc', 'v=spf1 -all']);
    expect(await guard(false).txt('_channelcenter-verification.unknown.guard.test')).toEqual([]);
  });
});
