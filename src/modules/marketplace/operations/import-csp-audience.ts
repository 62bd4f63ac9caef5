// MKP-5: the partners of a CSV are added to the draft audience, all rows or none; every bad row is reported
// with its reason (malformed, duplicate, unknown tenant, not a CSP reseller).
import { eq, sql } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { uuidPattern } from '../../../platform/http.js';
import type { AudienceImport } from '../contract.js';
import { activeResellers, ownOffer, uuidArray } from '../reads.js';
import { offers } from '../schema.js';
import type { MarketplaceDeps } from './deps.js';

export async function importCspAudience({ platform, db, identity }: MarketplaceDeps, ctx: RequestContext, id: string, csv: string): Promise<AudienceImport> {
  const actor = ctx.actor!;
  await ownOffer(db, actor, id);
  let records: string[][];
  try {
    records = parseCsv(csv, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as string[][];
  } catch {
    throw new AppError('audience_import_invalid', {}, [{ path: '/csv', code: 'malformed' }]);
  }
  if (records[0]?.[0] === 'tenantId') records = records.slice(1);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const ids: string[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const id = record[0] ?? '';
    if (!uuidPattern.test(id)) errors.push({ path: `/rows/${line}`, code: 'malformed' });
    else if (seen.has(id.toLowerCase())) errors.push({ path: `/rows/${line}`, code: 'duplicate' });
    else {
      seen.add(id.toLowerCase());
      ids.push(id.toLowerCase());
    }
  });
  const active = await activeResellers(db, ids);
  // Tell an existing tenant that is not a CSP reseller from an ID that matches no tenant at all.
  const known = new Set<string>();
  for (const id of ids.filter((id) => !active.has(id)).slice(0, 1000)) if (await identity.getTenant(id)) known.add(id);
  const listed = new Set(ids);
  records.forEach((record, index) => {
    const id = (record[0] ?? '').toLowerCase();
    if (!listed.has(id) || active.has(id)) return;
    errors.push({ path: `/rows/${index + 2}`, code: known.has(id) ? 'not_a_csp_reseller' : 'unknown_tenant' });
  });
  if (errors.length) throw new AppError('audience_import_invalid', {}, errors.slice(0, 1000));
  await platform.transaction(async (tx) => {
    const locked = await ownOffer(tx, actor, id, true);
    if (locked.draftAudienceMode !== 'selected') await tx.update(offers).set({ draftAudienceMode: 'selected' }).where(eq(offers.id, id));
    // 10,000 partners a statement, each list one array parameter (not 10,000 parameters).
    for (let i = 0; i < ids.length; i += 10_000) {
      await tx.execute(sql`
          insert into offer_audience (offer_id, partner_tenant_id, in_draft)
          select ${id}, unnest(${uuidArray(ids.slice(i, i + 10_000))}::uuid[]), true
          on conflict (offer_id, partner_tenant_id) do update set in_draft = true`);
      platform.crashPoint('audience-import');
    }
    await tx.update(offers).set({ version: locked.version + 1, updatedAt: new Date() }).where(eq(offers.id, id));
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.audienceImported', resourceType: 'offer', resourceId: id, after: { partners: ids.length } });
  });
  return { imported: ids.length };
}
