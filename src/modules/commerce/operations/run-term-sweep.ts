// TRM-1, TRM-6: the durable job of the term lifecycle. The billing periods that are due are charged,
// then the terms that have ended are renewed or expired, batch after batch until nothing is due at
// `now`: after a downtime the first run catches up every period and term that came due meanwhile (a
// renewed term that has ended too renews again, its periods charged in between). Every batch is its own
// transaction, so a run killed halfway leaves whole batches and the next run finishes the rest. Last,
// the renewal reminders that are due (send-renewal-reminders.ts).
import { chargeDueCycles } from '../reads.js';
import type { CommerceDeps } from './deps.js';
import { renewDueSubscriptions } from './renew-due-subscriptions.js';
import { sendRenewalReminders } from './send-renewal-reminders.js';

export interface TermSweep {
  cycleFees: number;
  renewed: number;
  expired: number;
  /** Subscriptions whose renewal reminder was sent (30 or 7 days before the end). */
  reminded: number;
}

export async function runTermSweep(deps: CommerceDeps, at?: Date, batch = { cycles: 5000, renewals: 1000 }): Promise<TermSweep> {
  const now = at ?? deps.now();
  const total: TermSweep = { cycleFees: 0, renewed: 0, expired: 0, reminded: 0 };
  for (;;) {
    let charged = 0;
    for (let n = await chargeDueCycles(deps.db, now, { batch: batch.cycles }); n > 0; n = await chargeDueCycles(deps.db, now, { batch: batch.cycles })) charged += n;
    const { renewed, expired, cycleFees } = await renewDueSubscriptions(deps, now, batch.renewals);
    total.cycleFees += charged + cycleFees;
    total.renewed += renewed;
    total.expired += expired;
    if (charged === 0 && renewed === 0 && expired === 0) break;
  }
  // Then the reminders of the terms (renewed ones included) that end within 30 or 7 days.
  for (let n = await sendRenewalReminders(deps, now); n > 0; n = await sendRenewalReminders(deps, now)) total.reminded += n;
  return total;
}
