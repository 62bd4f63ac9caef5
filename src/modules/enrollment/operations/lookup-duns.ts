// ENR-2: a DUNS number (9 digits) looked up in the company registry fills legal name and address.
import { eq } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.js';
import { companyRegistry } from '../schema.js';
import { registeredCompanyView } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function lookupDuns(deps: EnrollmentDeps, dunsNumber: string) {
  if (!/^\d{9}$/.test(dunsNumber)) throw new AppError('invalid_duns', {}, [{ path: '/params/dunsNumber', code: 'duns_invalid' }]);
  const [row] = await deps.db.select().from(companyRegistry).where(eq(companyRegistry.dunsNumber, dunsNumber));
  if (!row) throw new AppError('duns_not_found');
  return registeredCompanyView(row);
}
