// Credit between the tiers (BIL-4), payments and credit notes (BIL-2), balances and aging. Binds the
// operations (operations/, one per file) to their dependencies, once. checkCredit is commerce's hook
// (commerce.useCreditCheck): every checkout and seat increase runs it in its transaction.
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import type { RelationshipsService } from '../../relationships/service.js';
import { checkCredit } from './operations/check-credit.js';
import type { CreditDeps } from './operations/deps.js';
import { getCreditTerms } from './operations/get-credit-terms.js';
import { issueCreditNote } from './operations/issue-credit-note.js';
import { listAging } from './operations/list-aging.js';
import { listCreditTerms } from './operations/list-credit-terms.js';
import { listPayments } from './operations/list-payments.js';
import { recordPayment } from './operations/record-payment.js';
import { setCreditTerms } from './operations/set-credit-terms.js';

export function creditService(platform: Platform, services: { relationships: RelationshipsService }, options: { now?: () => Date } = {}) {
  const deps: CreditDeps = { platform, db: platform.db, now: options.now ?? (() => new Date()), relationships: services.relationships };
  const bind = binder(deps);
  return {
    checkCredit: bind(checkCredit),
    setCreditTerms: bind(setCreditTerms),
    getCreditTerms: bind(getCreditTerms),
    listCreditTerms: bind(listCreditTerms),
    recordPayment: bind(recordPayment),
    listPayments: bind(listPayments),
    issueCreditNote: bind(issueCreditNote),
    listAging: bind(listAging),
  };
}

export type CreditService = ReturnType<typeof creditService>;
