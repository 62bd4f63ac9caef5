// Routes the platform owns: health, readiness, the audit log (a page as JSON, or the matching records
// as CSV) and the signed-in user's mail with its read state.
import { pipeline, Readable } from 'node:stream';
import { Type, type TSchema } from '@sinclair/typebox';
import { stringify } from 'csv-stringify';
import { sql } from 'drizzle-orm';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isMigrated } from '../db/index.js';
import { can } from './access.js';
import { auditExportCap, auditRecordsToExport, findAuditRecord, listAuditRecords } from './audit.js';
import type { Platform } from './context.js';
import { csvSafe } from './csv.js';
import { AppError, invalidFields, notFound } from './errors.js';
import { AuditRecord, Notification, Notifications, NotificationsRead } from './contract.js';
import { Collection, collection, DateTime, decodeTimeCursor, defaultPageSize, IdParams, PageQuery, Problem, timeCursorOf, withErrors } from './http.js';
import type { auditRecords, mailOutbox } from './schema.js';

/** A body streamed as it is produced: the schema documents what it holds, the handler sends a stream (never serialized). */
const streamed = <T extends TSchema>(schema: T) => Type.Unsafe<Readable>(schema);

/** The audit log's CSV columns, in order (before and after as JSON text). */
const auditCsvColumns = ['id', 'at', 'action', 'resourceType', 'resourceId', 'tenantId', 'actorUserId', 'actorTenantId', 'actorAppId', 'actorAppName', 'ip', 'requestId', 'before', 'after'] as const;
const AuditRecordsCsv = Type.String({ title: 'AuditRecordsCsv', description: `CSV with a header row: ${auditCsvColumns.join(',')}` });

/** CSV when the query says format=csv, or when it names no format and the Accept header asks for text/csv rather than JSON. */
function wantsCsv(request: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  const accept = String(request.headers.accept ?? '');
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

function auditCsvRow(row: typeof auditRecords.$inferSelect): Record<(typeof auditCsvColumns)[number], string> {
  const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    resourceType: row.resourceType,
    resourceId: csvSafe(row.resourceId ?? ''),
    tenantId: row.tenantId ?? '',
    actorUserId: row.actorUserId ?? '',
    actorTenantId: row.actorTenantId ?? '',
    actorAppId: row.actorAppId ?? '',
    actorAppName: csvSafe(row.actorAppName ?? ''),
    ip: row.ip ?? '',
    requestId: csvSafe(row.requestId ?? ''),
    before: csvSafe(json(row.before)),
    after: csvSafe(json(row.after)),
  };
}

function notificationView(m: typeof mailOutbox.$inferSelect): Notification {
  return {
    id: m.id,
    subject: m.subject,
    text: m.textBody,
    to: m.toAddress,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    readAt: m.readAt?.toISOString() ?? null,
  };
}

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
        summary: `Audit records: a tenant sees records about itself; the operator sees all. A page as JSON, or with format=csv (or Accept: text/csv) every matching record, newest first, up to ${auditExportCap}, as a CSV attachment`,
        querystring: Type.Object(
          {
            from: Type.Optional(DateTime),
            to: Type.Optional(DateTime),
            action: Type.Optional(Type.String({ maxLength: 100 })),
            resourceType: Type.Optional(Type.String({ maxLength: 100 })),
            /** Only what this user did. */
            actorUserId: Type.Optional(Type.String({ format: 'uuid' })),
            tenantId: Type.Optional(Type.String({ format: 'uuid' })),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'A page of records (JSON), or the matching records as CSV',
            content: { 'application/json': { schema: Collection(AuditRecord, 'AuditRecords') }, 'text/csv': { schema: streamed(AuditRecordsCsv) } },
          },
          '4xx': Problem,
          '5xx': Problem,
        },
      },
    },
    async (request, reply) => {
      const { size = defaultPageSize, format, ...query } = request.query;
      const actor = request.actor!;
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && from > to) throw invalidFields({ path: '/query/from', code: 'date_range_invalid' });
      // The operator reads every tenant (or one, with tenantId); anyone else only its own tenant.
      let tenantId: string | null = actor.tenantId;
      if (actor.isOperator) tenantId = query.tenantId ?? null;
      else if (query.tenantId && query.tenantId !== actor.tenantId && !can(actor, 'audit.read', query.tenantId)) throw new AppError('forbidden');
      const filters = { tenantId, from, to, action: query.action, resourceType: query.resourceType, actorUserId: query.actorUserId };
      if (wantsCsv(request, format)) {
        const rows = Readable.from(
          (async function* () {
            for await (const row of auditRecordsToExport(platform.db, filters)) yield auditCsvRow(row);
          })(),
        );
        // A failed read mid-way destroys the reply (a cut-off download), never a half-file that looks whole.
        const csv = pipeline(rows, stringify({ header: true, columns: [...auditCsvColumns] }), () => undefined);
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="audit-records-${day}.csv"`)
          .header('Cache-Control', 'private, no-store')
          .send(csv);
      }
      const page = await listAuditRecords(platform.db, { ...filters, size, after: decodeTimeCursor(query.cursor) });
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
        summary: 'The mails sent to the signed-in user, newest first, with how many are unread',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: withErrors({ 200: Notifications }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await platform.mailer.listForUser(request.actor!.userId, size, decodeTimeCursor(cursor));
      return { ...collection(request, page, size, (m) => timeCursorOf(m, m.createdAt), notificationView), unreadCount: page.unreadCount };
    },
  );

  app.post(
    '/v1/me/notifications/:id/read',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['platform'],
        summary: "Mark one of the signed-in user's mails read (again: no change); another user's is not found",
        params: IdParams,
        response: withErrors({ 200: Notification }),
      },
    },
    async (request) => {
      const row = await platform.mailer.markRead(request.actor!.userId, request.params.id);
      if (!row) throw notFound('notification');
      return notificationView(row);
    },
  );

  app.post(
    '/v1/me/notifications/read-all',
    {
      config: { access: 'signedIn' },
      schema: { tags: ['platform'], summary: "Mark every unread mail of the signed-in user read", response: withErrors({ 200: NotificationsRead }) },
    },
    async (request) => ({ marked: await platform.mailer.markAllRead(request.actor!.userId) }),
  );
}
