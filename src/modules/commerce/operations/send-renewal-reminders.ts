// TRM-1: renewal reminders, 30 and 7 days before a term's commitment end, to the global admins of the
// reseller of record and of the provider, by mail in each one's language (the portal's notifications
// list the same messages). One message per tenant and reminder in a batch lists its subscriptions
// (name, customer, end date, whether it renews or expires). Each term gets each reminder once
// (`reminders_sent`, reset by the renewal); a sweep that finds a term already inside 7 days sends only
// the 7-day one. Suspended subscriptions get none (they expire at their end).
import { and, eq, gt, inArray, lt, lte } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { isLocale } from '../../../platform/i18n/index.js';
import { subscriptions } from '../schema.js';
import type { SubscriptionRow } from '../views.js';
import type { CommerceDeps } from './deps.js';

const dayMs = 86_400_000;
/** The reminders, latest first: days before the commitment end, and the count of reminders sent once it has gone. */
export const renewalReminders = [
  { days: 7, sent: 2 },
  { days: 30, sent: 1 },
] as const;

/** Sends one batch of due reminders; answers how many subscriptions were reminded (0: none was due). */
export async function sendRenewalReminders(deps: CommerceDeps, now: Date, batch = 500): Promise<number> {
  const within = (days: number) => lte(subscriptions.commitmentEndAt, new Date(now.getTime() + days * dayMs));
  return deps.platform.transaction(async (tx) => {
    // Terms owed the 7-day reminder after the 30-day one, then terms owed their first (the 7-day one if
    // already inside 7 days): each a range of subscriptions_reminder_due_idx, which holds only the
    // terms still owed a reminder, so the sweep every 15 minutes reads the due ones and nothing else.
    const due: SubscriptionRow[] = [];
    for (const { sent, days } of [
      { sent: 1, days: 7 },
      { sent: 0, days: 30 },
    ]) {
      if (due.length >= batch) break;
      const rows = await tx
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.status, 'active'), lt(subscriptions.remindersSent, 2), eq(subscriptions.remindersSent, sent), gt(subscriptions.commitmentEndAt, now), within(days)))
        .orderBy(subscriptions.commitmentEndAt)
        .limit(batch - due.length)
        .for('update', { skipLocked: true });
      due.push(...rows);
    }
    if (due.length === 0) return 0;
    const kindOf = (s: SubscriptionRow) => renewalReminders.find((r) => s.commitmentEndAt.getTime() - now.getTime() <= r.days * dayMs)!;
    for (const reminder of renewalReminders) {
      const ids = due.filter((s) => kindOf(s) === reminder).map((s) => s.id);
      if (ids.length) await tx.update(subscriptions).set({ remindersSent: reminder.sent }).where(inArray(subscriptions.id, ids));
    }
    await mailReminders(deps, tx, due, kindOf);
    return due.length;
  });
}

async function mailReminders(deps: CommerceDeps, tx: Queryable, due: SubscriptionRow[], kindOf: (s: SubscriptionRow) => (typeof renewalReminders)[number]) {
  const customerNames = new Map<string, string>();
  for (const id of new Set(due.map((s) => s.customerTenantId))) customerNames.set(id, (await deps.identity.getTenant(id, tx))?.name ?? id);
  // One message per recipient tenant and reminder: the reseller's and the provider's admins.
  const groups = new Map<string, { tenantId: string; days: number; items: SubscriptionRow[] }>();
  for (const s of due) {
    const days = kindOf(s).days;
    for (const tenantId of new Set([s.resellerTenantId, s.providerTenantId])) {
      const key = `${tenantId}:${days}`;
      const group = groups.get(key) ?? { tenantId, days, items: [] };
      group.items.push(s);
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) {
    const admins = await deps.identity.globalAdminsOf(group.tenantId, tx);
    for (const admin of admins) {
      const locale = isLocale(admin.language) ? admin.language : 'en';
      const lines = group.items
        .slice(0, 50)
        .map((s) => `- ${s.name} (${s.quantity}) · ${customerNames.get(s.customerTenantId)} · ${s.commitmentEndAt.toISOString().slice(0, 10)} · ${s.autoRenewEnabled ? '↻' : '×'}`)
        .join('\n');
      const more = group.items.length > 50 ? `\n… +${group.items.length - 50}` : '';
      await deps.platform.mailer.enqueue(tx, {
        template: 'renewalReminder',
        locale,
        to: admin.email,
        recipientUserId: admin.id,
        tenantId: group.tenantId,
        params: { days: group.days, count: group.items.length, lines: lines + more },
      });
    }
  }
}
