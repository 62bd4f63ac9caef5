// The operator imports the company registry behind DUNS look-up (ENR-2) from CSV: all rows or none,
// every bad row reported.
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { countryProblems } from '../field-checks.js';
import { companyRegistry, type Address } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';

const registryColumns = ['dunsNumber', 'legalName', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country'] as const;

export async function importRegistry(deps: EnrollmentDeps, ctx: RequestContext, csv: string) {
  let records: Record<string, string>[];
  try {
    records = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }) as Record<string, string>[];
  } catch (error) {
    throw new AppError('registry_import_invalid', {}, [{ path: '/csv', code: 'invalid', params: { detail: (error as Error).message } }]);
  }
  const errors: FieldError[] = [];
  const header = records.length ? Object.keys(records[0]!) : [];
  for (const column of ['dunsNumber', 'legalName', 'addressLine1', 'city', 'country']) {
    if (records.length && !header.includes(column)) errors.push({ path: `/columns/${column}`, code: 'required' });
  }
  const seen = new Set<string>();
  const rows = records.map((record, index) => {
    const row = index + 2; // line number in the file (after the header)
    const duns = record.dunsNumber ?? '';
    if (!/^\d{9}$/.test(duns)) errors.push({ path: `/rows/${row}/dunsNumber`, code: 'duns_invalid' });
    else if (seen.has(duns)) errors.push({ path: `/rows/${row}/dunsNumber`, code: 'duplicate' });
    seen.add(duns);
    if (!record.legalName) errors.push({ path: `/rows/${row}/legalName`, code: 'required' });
    if (!record.addressLine1) errors.push({ path: `/rows/${row}/addressLine1`, code: 'required' });
    if (!record.city) errors.push({ path: `/rows/${row}/city`, code: 'required' });
    errors.push(...countryProblems(record.country ?? '', `/rows/${row}/country`));
    for (const column of registryColumns) {
      if ((record[column] ?? '').length > 200) errors.push({ path: `/rows/${row}/${column}`, code: 'maxLength', params: { limit: 200 } });
    }
    const address: Address = { addressLine1: record.addressLine1 ?? '', city: record.city ?? '', country: record.country ?? '' };
    if (record.addressLine2) address.addressLine2 = record.addressLine2;
    if (record.state) address.state = record.state;
    if (record.postalCode) address.postalCode = record.postalCode;
    return { dunsNumber: duns, legalName: record.legalName ?? '', address };
  });
  if (records.length === 0) errors.push({ path: '/rows', code: 'minItems', params: { limit: 1 } });
  if (errors.length) throw new AppError('registry_import_invalid', {}, errors.slice(0, 500));
  await deps.platform.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await tx
        .insert(companyRegistry)
        .values(chunk)
        .onConflictDoUpdate({ target: companyRegistry.dunsNumber, set: { legalName: sql`excluded.legal_name`, address: sql`excluded.address`, importedAt: new Date() } });
    }
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'companyRegistry.imported', resourceType: 'companyRegistry', after: { rows: rows.length } });
  });
  return { imported: rows.length };
}
