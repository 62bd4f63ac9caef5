// BIL-3: the file of one of the caller's tenant's exports, streamed from disk. The export must be the
// tenant's (404 otherwise, as for the export itself) and the token its download link's: signed for
// this export, tenant and file, not expired (410 export_link_expired; anything else 403
// export_link_invalid). The file is read as it is sent: memory holds a chunk, whatever its size.
import type { ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Actor } from '../../../../platform/access.js';
import { notFound } from '../../../../platform/errors.js';
import { checkDownloadToken } from '../download-link.js';
import { exportFilePath, ownExport } from '../reads.js';
import { contentTypeOf, exportFileName } from '../rules.js';
import type { ReconciliationDeps } from './deps.js';

export interface ExportFile {
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  body: ReadStream;
}

export async function openReconciliationExportFile(deps: ReconciliationDeps, actor: Actor, id: string, token: string): Promise<ExportFile> {
  const row = await ownExport(deps.db, actor.tenantId, id);
  // A link is only ever handed out for a succeeded export: it names the file's digest.
  await checkDownloadToken(deps.linkKey, token, { exportId: row.id, tenantId: row.tenantId, sha256: row.sha256 ?? '' }, deps.now());
  let handle;
  try {
    handle = await open(exportFilePath(deps, row), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('reconciliationExportFile');
    throw error;
  }
  const { size } = await handle.stat();
  return { fileName: exportFileName(row), contentType: contentTypeOf(row.format), byteSize: size, sha256: row.sha256!, body: handle.createReadStream() };
}
