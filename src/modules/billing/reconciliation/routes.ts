// Reconciliation exports over HTTP (BIL-3): request one (202 Accepted, Location to poll), list and read
// the caller's tenant's own, and download a succeeded one's file with its signed link. Path, schemas
// from contract.ts (typed through the TypeBox type provider), permission, one service call.
import type { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeTimeCursor, defaultPageSize, IdParams, Problem, requestContext, timeCursorOf, withErrors } from '../../../platform/http.js';
import {
  ReconciliationCsv,
  ReconciliationExport,
  ReconciliationExportBody,
  ReconciliationExportQuery,
  ReconciliationExports,
  ReconciliationFileQuery,
  ReconciliationJsonLines,
} from './contract.js';
import type { ReconciliationService } from './service.js';
import { exportPath } from './views.js';

/** A body streamed from disk: the schema documents what it holds, the handler sends a stream (never serialized). */
const streamed = <T extends TSchema>(schema: T) => Type.Unsafe<Readable>(schema);

export function reconciliationRoutes(fastify: FastifyInstance, reconciliation: ReconciliationService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['billing'];
  const base = '/v1/reconciliation-exports';

  app.post(
    base,
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: 'Export every line of the documents the caller received (default) or issued in a closed period, as CSV or JSON Lines; poll the Location until succeeded (BIL-3)',
        body: ReconciliationExportBody,
        response: withErrors({ 202: ReconciliationExport }),
      },
    },
    async (request, reply) => {
      const created = await reconciliation.requestExport(requestContext(request), request.body);
      return reply.code(202).header('Location', exportPath(created.id)).send(created);
    },
  );

  app.get(
    base,
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: "The caller's reconciliation exports, newest first (BIL-3)", querystring: ReconciliationExportQuery, response: withErrors({ 200: ReconciliationExports }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await reconciliation.listExports(request.actor!, { size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (e) => timeCursorOf(e.view, e.at), (e) => e.view);
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: 'One reconciliation export; once succeeded, with a download link that expires (BIL-3)', params: IdParams, response: withErrors({ 200: ReconciliationExport }) },
    },
    async (request) => reconciliation.getExport(request.actor!, request.params.id),
  );

  app.get(
    `${base}/:id/file`,
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: "A succeeded export's file, streamed as an attachment; the token is its download link's (410 once expired) (BIL-3)",
        params: IdParams,
        querystring: ReconciliationFileQuery,
        response: {
          200: { description: 'The file, as an attachment', content: { 'text/csv': { schema: streamed(ReconciliationCsv) }, 'application/x-ndjson': { schema: streamed(ReconciliationJsonLines) } } },
          '4xx': Problem,
          '5xx': Problem,
        },
      },
    },
    async (request, reply) => {
      const file = await reconciliation.openExportFile(request.actor!, request.params.id, request.query.token);
      return reply
        .type(file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('Content-Length', String(file.byteSize))
        .header('ETag', `"${file.sha256}"`)
        .header('Cache-Control', 'private, no-store')
        .send(file.body);
    },
  );
}
