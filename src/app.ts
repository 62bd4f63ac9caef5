// Builds the application: the platform (database, jobs, mail), then the Fastify app with the
// platform's HTTP conventions, then each module's routes, then the portal's static files.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyContextConfig, type FastifyInstance } from 'fastify';
import type { RouteAccess } from './platform/access.js';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import responseValidation from '@fastify/response-validation';
import { lazySerializerFactory } from './platform/lazy-schemas.js';
import addFormats from 'ajv-formats';
import type { Config } from './config.js';
import { openDatabase, migrate, type Database } from './db/index.js';
import { webDist } from './paths.js';
import { registerAuth } from './platform/auth/plugin.js';
import { createPlatform, type Platform } from './platform/context.js';
import { AppError } from './platform/errors.js';
import { bodyLimit, newRequestId, registerHttpConventions, registerSecurityHeaders, sendProblem, serverErrorOptions } from './platform/http.js';
import { registerIdempotency } from './platform/idempotency.js';
import { registerLookupLimits } from './platform/rate-limit.js';
import { JobQueue } from './platform/jobs.js';
import { registerMetrics, registerWebhookDeliveryMetrics } from './platform/metrics.js';
import { Mailer } from './platform/mail/outbox.js';
import { createTransport } from './platform/mail/transport.js';
import { platformRoutes } from './platform/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { identityService } from './modules/identity/service.js';
import { ssoRoutes } from './modules/identity/sso/routes.js';
import { ssoService } from './modules/identity/sso/service.js';
import { groupsRoutes } from './modules/identity/groups/routes.js';
import { groupsService } from './modules/identity/groups/service.js';
import { appsRoutes } from './modules/identity/apps/routes.js';
import { appsService } from './modules/identity/apps/service.js';
import { mfaRoutes } from './modules/identity/mfa/routes.js';
import { mfaService } from './modules/identity/mfa/service.js';
import { passkeysRoutes } from './modules/identity/mfa/passkeys-routes.js';
import { passkeysService } from './modules/identity/mfa/passkeys-service.js';
import { marketsService } from './modules/markets/service.js';
import { operatorRoutes } from './modules/operator/routes.js';
import { operatorService } from './modules/operator/service.js';
import { agreementsService } from './modules/enrollment/agreements.js';
import { enrollmentRoutes } from './modules/enrollment/routes.js';
import { enrollmentService } from './modules/enrollment/service.js';
import { marketsRoutes } from './modules/markets/routes.js';
import { relationshipsRoutes } from './modules/relationships/routes.js';
import { relationshipsService } from './modules/relationships/service.js';
import { customersRoutes } from './modules/customers/routes.js';
import { customersService } from './modules/customers/service.js';
import { commerceRoutes } from './modules/commerce/routes.js';
import { commerceService } from './modules/commerce/service.js';
import { marketplaceRoutes } from './modules/marketplace/routes.js';
import { marketplaceService } from './modules/marketplace/service.js';
import { pricingRoutes } from './modules/pricing/routes.js';
import { billingRoutes } from './modules/billing/routes.js';
import { pricingService } from './modules/pricing/service.js';
import { billingService, invoiceNoticeQueue } from './modules/billing/service.js';
import { reconciliationExportQueue, reconciliationService } from './modules/billing/reconciliation/service.js';
import { reconciliationRoutes } from './modules/billing/reconciliation/routes.js';
import { creditService } from './modules/billing/credit/service.js';
import { creditRoutes } from './modules/billing/credit/routes.js';
import { integrationsService } from './modules/integrations/service.js';
import { integrationsRoutes } from './modules/integrations/routes.js';
import { deliverQueue as webhookDeliverQueue } from './modules/integrations/reads.js';


export interface Services {
  identity: ReturnType<typeof identityService>;
  sso: ReturnType<typeof ssoService>;
  groups: ReturnType<typeof groupsService>;
  apps: ReturnType<typeof appsService>;
  mfa: ReturnType<typeof mfaService>;
  markets: ReturnType<typeof marketsService>;
  operator: ReturnType<typeof operatorService>;
  enrollment: ReturnType<typeof enrollmentService>;
  agreements: ReturnType<typeof agreementsService>;
  relationships: ReturnType<typeof relationshipsService>;
  customers: ReturnType<typeof customersService>;
  commerce: ReturnType<typeof commerceService>;
  marketplace: ReturnType<typeof marketplaceService>;
  pricing: ReturnType<typeof pricingService>;
  billing: ReturnType<typeof billingService>;
  credit: ReturnType<typeof creditService>;
  integrations: ReturnType<typeof integrationsService>;
}

export interface App {
  fastify: FastifyInstance;
  /** Every route registered (method, URL pattern, declared access), for the OpenAPI and authorization checks. */
  routes: { method: string; url: string; auth?: string; permission?: string; access?: RouteAccess }[];
  /** What each /v1 route requires of its caller (`METHOD /v1/path/:param` → access), as the routes declare it. */
  routeAccess: Record<string, RouteAccess>;
  platform: Platform;
  services: Services;
  close(): Promise<void>;
}

/** Opens (or takes) the database, migrates it, and builds the HTTP app; nothing listens yet. */
export async function buildApp(
  config: Config,
  options: {
    database?: Database;
    ownsDatabase?: boolean;
    logStream?: NodeJS.WritableStream;
    /** The clock pricing reads the month in force from and commerce a term's time (tests of other days pass their own; production has none). */
    now?: () => Date;
  } = {},
): Promise<App> {
  const database = options.database ?? (await openDatabase(config));
  const ownsDatabase = options.ownsDatabase ?? options.database === undefined;
  await migrate(database);

  const fastify = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            serializers: {
              // The single sign-on callback's query holds the provider's authorization code: not logged.
              req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
                method: req.method,
                url: req.url.startsWith('/v1/sso/callback?') ? '/v1/sso/callback?[redacted]' : req.url,
                host: req.hostname,
                remoteAddress: req.ip,
              }),
            },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit,
    ...serverErrorOptions,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
    // Each route's validator and serializer are compiled at its first request, not before listening.
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
  });

  const jobs = new JobQueue(database.db, fastify.log, 1000, config.jobLockSeconds);
  const domain = new URL(config.publicUrl).hostname || 'localhost';
  const mailer = new Mailer(database.db, jobs, createTransport(config.mailUrl), { from: `Channel Center <no-reply@${domain}>`, domain });
  const platform = createPlatform({ config, database, db: database.db, jobs, mailer, log: fastify.log });
  const identity = identityService(platform);
  const sso = ssoService(platform, { identity });
  const groups = groupsService(platform, { identity });
  const apps = appsService(platform);
  // ACC-3: an app joins security groups, and so uses delegated roles, only as one of the tenant's apps.
  groups.useAppDirectory(apps.directory);
  const mfa = mfaService(platform, { identity });
  const passkeys = passkeysService(platform, mfa);
  mfa.givePasskeyVerifier(passkeys.verifySecondFactor);
  // ACC-4: the second step checks a passkey's answer only through this hook; the app does not start without it.
  mfa.assertWired();
  const markets = marketsService(platform);
  const operator = operatorService(platform);
  const enrollment = enrollmentService(platform, { identity, operator });
  const agreements = agreementsService(platform, { identity, markets, enrollment });
  const relationships = relationshipsService(platform, { identity, enrollment, markets });
  const customers = customersService(platform, { identity, enrollment, markets, relationships, agreements, groups });
  const commerce = commerceService(platform, { identity, enrollment, markets, relationships, customers }, options.now ? { now: options.now } : {});
  const marketplace = marketplaceService(platform, { identity, agreements, operator, commerce });
  const pricing = pricingService(platform, { commerce, enrollment, relationships, customers, markets }, options.now ? { now: options.now } : {});
  const billing = billingService(platform, { identity }, options.now ? { now: options.now } : {});
  const reconciliation = reconciliationService(platform, options.now ? { now: options.now } : {});
  const credit = creditService(platform, { relationships }, options.now ? { now: options.now } : {});
  const integrations = integrationsService(platform, { identity }, options.now ? { now: options.now } : {});
  // BIL-4: every checkout and seat increase is checked against its buyers' credit (required, no default).
  commerce.useCreditCheck(credit.checkCredit);
  // Hooks of modules built later are required: without the marketplace's CSP audience check (ORD-3) the
  // app does not start, rather than check out without it.
  commerce.assertWired();
  // CUS-7 likewise: customers count a partner's active subscriptions only with commerce's count.
  customers.assertWired();
  const services: Services = { identity, sso, groups, apps, mfa, markets, operator, enrollment, agreements, relationships, customers, commerce, marketplace, pricing, billing, credit, integrations };
  // Delegated admin expiry and auto-extension, hourly.
  jobs.register('delegatedAdmin.sweep', async () => {
    await customers.sweepDelegatedAdmin();
  });
  jobs.every('delegatedAdmin.sweep', 3_600_000);
  // TRM-1, TRM-6: billing periods, renewals and expiries, every 15 minutes and once at start (catching up).
  jobs.register('commerce.terms', async () => {
    await commerce.runTermSweep();
  });
  jobs.every('commerce.terms', 900_000);
  // BIL-1: the month-end billing run, hourly and once at start (closing every period that has ended).
  jobs.register('billing.close', async () => {
    await billing.closeDuePeriods();
  });
  jobs.every('billing.close', 3_600_000);
  // BIL-3: reconciliation exports, each written by a job of its own once its request commits.
  jobs.register(reconciliationExportQueue, reconciliation.runExport);
  // BIL-1: the invoice-ready notices of a closed period's documents, one job enqueued by its run.
  jobs.register(invoiceNoticeQueue, async (payload) => {
    await billing.sendInvoiceNotices(payload);
  });
  // EVT-2: webhook deliveries, a run queued with the events that need one (and every 5 seconds for
  // retries); a run holds its job 60 seconds, so one that died is taken over soon.
  jobs.register(webhookDeliverQueue, async () => {
    await integrations.deliverWebhooks();
  }, { lockSeconds: 60 });
  // Runs go side by side (each claims its own rows), so a run that died does not hold the next one back.
  jobs.every(webhookDeliverQueue, 5_000, { besideRunning: true });
  await markets.ensureSeeded();

  const routes: App['routes'] = [];
  const routeAccess: App['routeAccess'] = {};
  fastify.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as FastifyContextConfig;
    // One declaration of each route's access: `auth: 'public'`, `permission` or `access`.
    const access: RouteAccess | undefined = config.auth === 'public' ? 'public' : (config.permission ?? config.access);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, auth: config.auth, permission: config.permission, access });
      if (!route.url.startsWith('/v1/')) continue;
      if (!access) throw new Error(`${method} ${route.url} declares no access (auth: 'public', permission or access)`);
      routeAccess[`${method} ${route.url}`] = access;
    }
  });
  registerHttpConventions(fastify);
  await fastify.register(cookie);
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  registerAuth(fastify, {
    resolver: { session: services.identity.resolveSession, accessToken: services.identity.resolveAccessToken, appToken: services.apps.resolveAppToken },
    secret: config.sessionSecret,
    tenantRateLimit: config.tenantRateLimit,
  });
  registerIdempotency(fastify, database.db, config.sessionSecret);
  registerLookupLimits(fastify, database.db, config.lookupLimit);
  // GET /metrics (Prometheus, only with METRICS_TOKEN); registered before the other routes so every response is counted.
  const metrics = registerMetrics(fastify, { database, token: config.metricsToken, log: fastify.log });
  registerWebhookDeliveryMetrics(metrics, database.db);

  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Channel Center API', version: '1.0.0', description: 'Every portal action of Channel Center, as an API.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cc_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? json.title ?? `def-${i}`) },
  });
  await fastify.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  // In development and tests every response is checked against its schema as well. Checked, never
  // changed: removing "additional" properties while trying one branch of a union (the per-audience price
  // shapes, PRC-4) would strip the fields the next branch needs.
  if (!config.production) await fastify.register(responseValidation, { ajv: { strict: false, removeAdditional: false, plugins: [addFormats] } as never });

  fastify.get('/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => fastify.swagger());

  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // Every route of one customer (/v1/customers/{id}/…) is "not found" unless the caller is that customer
  // or has an active relationship with it: one check before any handler, so nothing is written to a
  // stranger's tenant and the answer does not tell which IDs are customers. The relation it resolves
  // (one statement) serves the request's operation, which checks its permission with it instead of
  // asking again; called directly through the service, an operation resolves the relation itself.
  fastify.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url;
    if (!request.actor || !url?.startsWith('/v1/customers/:id')) return;
    await customers.admitToCustomer(request.actor, (request.params as { id: string }).id);
  });

  platformRoutes(fastify, platform);
  identityRoutes(fastify, platform, identity, {
    meWarnings: enrollment.warningsFor,
    // How the caller relates to a tenant it acts in (REL-4 admin access, ACC-3 delegated roles): the one resolver.
    relationTo: customers.relationTo,
  });
  ssoRoutes(fastify, platform, sso);
  groupsRoutes(fastify, groups);
  appsRoutes(fastify, apps);
  mfaRoutes(fastify, platform, mfa);
  passkeysRoutes(fastify, platform, passkeys);
  marketsRoutes(fastify, markets);
  operatorRoutes(fastify, operator);
  enrollmentRoutes(fastify, enrollment, agreements);
  relationshipsRoutes(fastify, relationships);
  customersRoutes(fastify, customers);
  commerceRoutes(fastify, commerce);
  marketplaceRoutes(fastify, marketplace);
  pricingRoutes(fastify, pricing);
  billingRoutes(fastify, billing);
  reconciliationRoutes(fastify, reconciliation);
  creditRoutes(fastify, credit);
  integrationsRoutes(fastify, integrations);

  const webRoot = existsSync(path.join(webDist, 'index.html')) ? webDist : undefined;
  if (webRoot) {
    await fastify.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      serve: true,
      prefix: '/',
      decorateReply: true,
      // The build writes a .br and a .gz beside each script and style sheet (web/vite.config.ts).
      preCompressed: true,
      cacheControl: false,
      // File names under assets/ carry their content's hash: a browser keeps them as long as it likes. Everything
      // else (index.html above all, which names the current assets) is checked again on every load.
      setHeaders: (res, filePath) => {
        res.setHeader('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  fastify.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    const apiPath = pathname.startsWith('/v1/') || pathname === '/v1' || pathname.startsWith('/docs');
    if (!apiPath && webRoot && (request.method === 'GET' || request.method === 'HEAD')) {
      // The portal is a single-page app: its routes all load index.html.
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(request, reply, new AppError('route_not_found', { method: request.method, path: pathname.slice(0, 200) }));
  });

  await fastify.ready();

  return {
    fastify,
    routes,
    routeAccess,
    platform,
    services,
    async close() {
      await jobs.stop();
      await fastify.close();
      mailer.close();
      if (ownsDatabase) await database.close();
    },
  };
}
