// Routes the platform owns: health, readiness, the audit log and the signed-in user's mail.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { isMigrated } from '../db/index.js';
import { can } from './access.js';
import { findAuditRecord, listAuditRecords } from './audit.js';
import type { Platform } from './context.js';
import { AppError, invalidFields, notFound } from './errors.js';
import { AuditRecord, Notification } from './contract.js';
import { Collection, collection, DateTime, decodeTimeCursor, defaultPageSize, IdParams, PageQuery, timeCursorOf, withErrors } from './http.js';

export function platformRoutes(fastify: FastifyInstance, platform: Platform) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/healthz',
    { config: { auth: 'public' }, schema: { tags: ['platform'], summary: 'The process is alive', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { auth: 'public' },
      schema: { tags: ['platform'], summary: 'The database is reachable and migrated', response: withErrors({ 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) }) },
    },
    async () => {
      try {
        await platform.db.execute(sql`select 1`);
        if (!(await isMigrated(platform.db))) throw new Error('not migrated');
      } catch {
        throw new AppError('service_unavailable');
      }
      return { status: 'ready' as const, database: platform.database.kind };
    },
  );

  app.get(
    '/v1/audit-records',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['platform'],
        summary: 'Audit records: a tenant sees records about itself; the operator sees all',
        querystring: Type.Object(
          {
            from: Type.Optional(DateTime),
            to: Type.Optional(DateTime),
            action: Type.Optional(Type.String({ maxLength: 100 })),
            resourceType: Type.Optional(Type.String({ maxLength: 100 })),
            tenantId: Type.Optional(Type.String({ format: 'uuid' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Collection(AuditRecord, 'AuditRecords') }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, ...query } = request.query;
      const actor = request.actor!;
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && from > to) throw invalidFields({ path: '/query/from', code: 'date_range_invalid' });
      // The operator reads every tenant (or one, with tenantId); anyone else only its own tenant.
      let tenantId: string | null = actor.tenantId;
      if (actor.isOperator) tenantId = query.tenantId ?? null;
      else if (query.tenantId && query.tenantId !== actor.tenantId && !can(actor, 'audit.read', query.tenantId)) throw new AppError('forbidden');
      const page = await listAuditRecords(platform.db, {
        tenantId,
        from,
        to,
        action: query.action,
        resourceType: query.resourceType,
        size,
        after: decodeTimeCursor(query.cursor),
      });
      return collection(request, page, size, (r) => timeCursorOf(r, r.at), (r) => ({ ...r, at: r.at.toISOString() }));
    },
  );

  app.get(
    '/v1/audit-records/:id',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['platform'], summary: "One audit record (an event's auditUri): about the caller's tenant or made by its users; the operator reads any", params: IdParams, response: withErrors({ 200: AuditRecord }) },
    },
    async (request) => {
      const row = await findAuditRecord(platform.db, request.params.id, request.actor!);
      if (!row) throw notFound('auditRecord');
      return { ...row, at: row.at.toISOString() };
    },
  );

  app.get(
    '/v1/me/notifications',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['platform'],
        summary: 'The mails sent to the signed-in user',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: withErrors({ 200: Collection(Notification, 'Notifications') }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await platform.mailer.listForUser(request.actor!.userId, size, decodeTimeCursor(cursor));
      return collection(
        request,
        page,
        size,
        (m) => timeCursorOf(m, m.createdAt),
        (m) => ({ id: m.id, subject: m.subject, text: m.textBody, to: m.toAddress, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null }),
      );
    },
  );
}
