// Partner suspension and reinstatement: one mail to the primary contact for the whole partner
// (ENR-7 sends one per enrollment otherwise), naming every program changed, in the caller's transaction.
import type { Tx } from '../../../db/index.js';
import { translate, type MessageKey } from '../../../platform/i18n/index.js';
import { contactLanguage, legalProfileOf } from '../reads.js';
import type { EnrollmentStatus } from '../rules.js';
import type { EnrollmentRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function mailSuspension(deps: EnrollmentDeps, tx: Tx, rows: EnrollmentRow[], template: 'partnerSuspended' | 'partnerReinstated', reason: string, status?: EnrollmentStatus) {
  const { identity } = deps;
  const first = rows[0]!;
  const legal = await legalProfileOf(tx, first.tenantId);
  if (!legal) return;
  const locale = await contactLanguage(deps, tx, first, legal.primaryContact.email);
  const tenant = await identity.getTenant(first.tenantId, tx);
  const contactUser = await identity.findUserByEmail(legal.primaryContact.email, tx);
  const programs = new Intl.ListFormat(locale, { type: 'conjunction' }).format(rows.map((row) => translate(locale, `program.${row.program}` as MessageKey)));
  await deps.platform.mailer.enqueue(tx, {
    template,
    locale,
    to: legal.primaryContact.email,
    recipientUserId: contactUser?.tenantId === first.tenantId ? contactUser.id : null,
    tenantId: first.tenantId,
    params: {
      name: `${legal.primaryContact.firstName} ${legal.primaryContact.lastName}`,
      organization: tenant!.name,
      programs,
      reason,
      status: status ? translate(locale, `status.${status}` as MessageKey) : '',
      url: `${deps.config.publicUrl}/enrollment`,
    },
  });
}
