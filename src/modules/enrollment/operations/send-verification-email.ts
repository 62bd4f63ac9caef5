// ENR-5: the primary contact gets a single-use link, valid for verificationDays, in the caller's
// transaction (the mail goes through the outbox).
import type { Tx } from '../../../db/index.js';
import { hashSecret, newSecret } from '../../../platform/auth/tokens.js';
import { translate, type MessageKey } from '../../../platform/i18n/index.js';
import { contactLanguage } from '../reads.js';
import { emailVerifications } from '../schema.js';
import type { EnrollmentRow, LegalProfileRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

const verificationDays = 7;

export async function sendVerificationEmail(deps: EnrollmentDeps, tx: Tx, row: EnrollmentRow, legal: LegalProfileRow) {
  const { identity } = deps;
  const token = newSecret('ccv');
  const email = legal.primaryContact.email;
  await tx.insert(emailVerifications).values({ enrollmentId: row.id, email, tokenHash: hashSecret(token), expiresAt: new Date(Date.now() + verificationDays * 86_400_000) });
  const locale = await contactLanguage(deps, tx, row, email);
  const tenant = await identity.getTenant(row.tenantId, tx);
  const contactUser = await identity.findUserByEmail(email, tx);
  await deps.platform.mailer.enqueue(tx, {
    template: 'verifyEmail',
    locale,
    to: email,
    recipientUserId: contactUser?.tenantId === row.tenantId ? contactUser.id : null,
    tenantId: row.tenantId,
    params: {
      name: `${legal.primaryContact.firstName} ${legal.primaryContact.lastName}`,
      organization: tenant!.name,
      program: translate(locale, `program.${row.program}` as MessageKey),
      days: verificationDays,
      url: `${deps.config.publicUrl}/verify-email?token=${token}`,
    },
  });
}
