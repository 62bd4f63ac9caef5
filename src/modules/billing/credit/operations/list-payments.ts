// BIL-4: the payments recorded against a document, oldest first, for its issuer and its recipient.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import type { Payments } from '../contract.js';
import { payments } from '../schema.js';
import { paymentView } from '../views.js';
import type { CreditDeps } from './deps.js';
import { visibleDocument } from './record-payment.js';

export async function listPayments(deps: CreditDeps, actor: Actor, invoiceId: string): Promise<Payments> {
  await visibleDocument(deps.db, actor, invoiceId);
  const rows = await deps.db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).orderBy(asc(payments.createdAt), asc(payments.id));
  return { items: rows.map(paymentView) };
}
