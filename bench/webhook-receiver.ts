// The webhooks scenario's receiver, in a process of its own (so that neither the load generator nor the
// app shares its event loop): an HTTPS server on 127.0.0.1 with the bench's certificate that checks each
// delivery's signature (standardwebhooks, with the endpoints' secret) and records per request its
// `webhook-id`, the time it arrived (the wall clock, in ms, when the whole request was read), the event's
// `resourceChangeUtcDate` and the status answered; and counts the TLS connections the sender opened.
//   RECEIVER_CERT, RECEIVER_KEY   PEM files
//   RECEIVER_SECRET               whsec_… (every bench endpoint has the same one)
// Commands on stdin, one a line, each answered on stdout:
//   mode ok | mode fail-first     answer 200 to every request, or 500 to the first request of each webhook-id and 200 after
//   count                         distinct webhook-ids answered 200 so far
//   dump <file>                   write the records and counts to <file> (JSON) and start again from none
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { Webhook } from 'standardwebhooks';

/** [webhook-id, arrival ms, change ms, status] */
export type ReceiverRecord = [string, number, number, number];

export interface ReceiverDump {
  records: ReceiverRecord[];
  badSignatures: number;
  unreadable: number;
  /** TLS connections the sender opened since the last dump. */
  connections: number;
}

const verifier = new Webhook(process.env.RECEIVER_SECRET ?? '');
let mode: 'ok' | 'fail-first' = 'ok';
let records: ReceiverRecord[] = [];
let badSignatures = 0;
let unreadable = 0;
let connections = 0;
const seen = new Set<string>();
const accepted = new Set<string>();

const server = https.createServer({ cert: readFileSync(process.env.RECEIVER_CERT!), key: readFileSync(process.env.RECEIVER_KEY!) }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const arrived = Date.now();
    const body = Buffer.concat(chunks).toString('utf8');
    const id = String(request.headers['webhook-id'] ?? '');
    let changed = Number.NaN;
    try {
      changed = Date.parse((JSON.parse(body) as { data: { resourceChangeUtcDate: string } }).data.resourceChangeUtcDate);
    } catch {
      unreadable++;
    }
    try {
      verifier.verify(body, request.headers as Record<string, string>);
    } catch {
      badSignatures++;
    }
    const status = mode === 'fail-first' && !seen.has(id) ? 500 : 200;
    seen.add(id);
    if (status === 200) accepted.add(id);
    records.push([id, arrived, changed, status]);
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(status === 200 ? 'ok' : 'try again');
  });
});

server.on('secureConnection', () => connections++);

server.listen(0, '127.0.0.1', () => {
  console.log(`receiver ready on port ${(server.address() as AddressInfo).port}`);
});

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, argument] = line.trim().split(/\s+/, 2);
  if (command === 'mode' && (argument === 'ok' || argument === 'fail-first')) {
    mode = argument;
    seen.clear();
    accepted.clear();
    console.log(`mode ${mode}`);
  } else if (command === 'count') {
    console.log(`count ${accepted.size}`);
  } else if (command === 'dump' && argument) {
    const dump: ReceiverDump = { records, badSignatures, unreadable, connections };
    writeFileSync(argument, JSON.stringify(dump));
    records = [];
    badSignatures = 0;
    unreadable = 0;
    connections = 0;
    console.log('dumped');
  } else {
    console.log(`unknown command ${line}`);
  }
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
