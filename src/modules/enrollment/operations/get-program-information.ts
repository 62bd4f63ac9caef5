// ENR-10: the legal-info page's program information: each program's latest status and whether (and
// which version of) the partner agreement is accepted.
import type { ProgramInformation } from '../contract.js';
import { agreementAccepted, listEnrollments } from '../reads.js';
import type { EnrollmentRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function getProgramInformation(deps: EnrollmentDeps, tenantId: string): Promise<ProgramInformation> {
  const [rows, accepted] = await Promise.all([listEnrollments(deps, tenantId), agreementAccepted(deps.db, tenantId)]);
  const latest = new Map<string, EnrollmentRow>();
  for (const row of rows) latest.set(row.program, row);
  return {
    programs: [...latest.values()].map((row) => ({
      program: row.program,
      status: row.status,
      agreementAcceptedAt: accepted?.acceptedAt.toISOString() ?? null,
      agreementVersion: accepted?.version ?? null,
    })),
  };
}
