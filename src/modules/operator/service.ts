// The operator's program settings (holiday calendar, ENR-6) and the support-request queue: binds the
// operations (operations/) and reads (reads.ts) to the platform, once.
import type { Queryable } from '../../db/index.js';
import type { RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import type { Holiday } from './contract.js';
import { closeSupportRequest } from './operations/close-support-request.js';
import type { OperatorDeps } from './operations/deps.js';
import { openSupportRequest } from './operations/open-support-request.js';
import { replaceHolidays } from './operations/replace-holidays.js';
import { getSupportRequest, holidaySet, listHolidays, openSupportRequestAbout, supportRequestQueue, supportRequestsOf, type SupportRequestNamesColumn } from './reads.js';

export { supportRequestView, type SupportRequestRow } from './views.js';
export type { SupportRequestNamesColumn } from './reads.js';

export function operatorService(platform: Platform) {
  const deps: OperatorDeps = { platform, db: platform.db };
  return {
    listHolidays: () => listHolidays(deps),
    holidaySet: (q?: Queryable) => holidaySet(deps, q),
    replaceHolidays: (ctx: RequestContext, days: Holiday[]) => replaceHolidays(deps, ctx, days),
    openSupportRequest,
    openSupportRequestAbout,
    supportRequestsOf: (tenantId: string) => supportRequestsOf(deps, tenantId),
    getSupportRequest,
    supportRequestQueue: <Names>(status: string | undefined, names: SupportRequestNamesColumn<Names>) => supportRequestQueue(deps, status, names),
    closeSupportRequest,
  };
}

export type OperatorService = ReturnType<typeof operatorService>;
