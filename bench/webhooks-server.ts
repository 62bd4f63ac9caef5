// The webhooks scenario's app process: the BUILT app (dist/server/src/app.js) built and listening as
// `serve` builds it, with its job worker on but working only the `webhooks.deliver` queue. The other
// queues (the term job, the month-end billing run, the delegated-admin sweep, mail) are left out: on the
// generated program they would renew terms, close the billed month and so change what the other
// scenarios measure. The queue's handlers and recurring schedule are the JobQueue's own (private)
// fields; a change to them stops this process at start-up rather than measuring the wrong thing.
import { pathToFileURL } from 'node:url';
import { builtApp, builtConfig } from './config.js';

const deliverQueue = 'webhooks.deliver';

async function main() {
  const { loadConfig } = (await import(pathToFileURL(builtConfig).href)) as typeof import('../src/config.js');
  const { buildApp } = (await import(pathToFileURL(builtApp).href)) as typeof import('../src/app.js');
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  const queue = app.platform.jobs as unknown as { handlers?: unknown; recurring?: unknown };
  if (!(queue.handlers instanceof Map) || !Array.isArray(queue.recurring) || !queue.handlers.has(deliverQueue)) {
    throw new Error(`JobQueue no longer has the handlers map and recurring list this process restricts to ${deliverQueue}`);
  }
  const handlers = queue.handlers as Map<string, unknown>;
  const recurring = queue.recurring as { queue: string }[];
  for (const name of [...handlers.keys()]) if (name !== deliverQueue) handlers.delete(name);
  recurring.splice(0, recurring.length, ...recurring.filter((entry) => entry.queue === deliverQueue));

  await app.fastify.listen({ port: config.port, host: config.host });
  app.platform.jobs.start();
  console.log(`webhooks server ready on port ${config.port} (pid ${process.pid}; worker queues: ${[...handlers.keys()].join(', ')})`);

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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
