// The mail outbox: a message is rendered and stored in the caller's transaction, with a delivery job;
// the worker sends it after commit, retrying with backoff. The Message-ID is fixed when the message
// is stored, so a retried delivery is recognisable as the same message.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/index.js';
import type { Locale } from '../i18n/index.js';
import type { JobQueue } from '../jobs.js';
import { mailOutbox } from '../schema.js';
import { htmlOf, renderMail, type Template } from './templates.js';
import type { MailTransport } from './transport.js';
import { randomUUID } from 'node:crypto';

export interface MailRequest {
  template: Template;
  locale: Locale;
  to: string;
  recipientUserId?: string | null;
  tenantId?: string | null;
  params: Record<string, unknown>;
  /** A message written (or edited) by a person: sent as given instead of rendering the template. */
  content?: { subject: string; text: string };
}

export const deliverQueue = 'mail.deliver';

export class Mailer {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly transport: MailTransport,
    private readonly options: { from: string; domain: string },
  ) {
    jobs.register(deliverQueue, (payload) => this.deliver(String(payload.outboxId)));
  }

  /** Stores a rendered message and its delivery job in the caller's transaction. */
  async enqueue(tx: Queryable, request: MailRequest): Promise<string> {
    const id = randomUUID();
    const rendered = request.content
      ? { ...request.content, html: htmlOf(request.content.subject, request.content.text, request.locale) }
      : renderMail(request.template, request.locale, request.params);
    await tx.insert(mailOutbox).values({
      id,
      messageId: `<${id}@${this.options.domain}>`,
      template: request.template,
      locale: request.locale,
      toAddress: request.to,
      recipientUserId: request.recipientUserId ?? null,
      tenantId: request.tenantId ?? null,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
    });
    await this.jobs.enqueue(tx, deliverQueue, { outboxId: id });
    return id;
  }

  private async deliver(outboxId: string): Promise<void> {
    const [mail] = await this.db.select().from(mailOutbox).where(eq(mailOutbox.id, outboxId));
    if (!mail || mail.status === 'sent') return;
    await this.db.update(mailOutbox).set({ attempts: sql`${mailOutbox.attempts} + 1` }).where(eq(mailOutbox.id, outboxId));
    try {
      await this.transport.send({
        messageId: mail.messageId,
        from: this.options.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        locale: mail.locale,
      });
    } catch (error) {
      await this.db
        .update(mailOutbox)
        .set({ lastError: error instanceof Error ? error.message.slice(0, 2000) : String(error) })
        .where(eq(mailOutbox.id, outboxId));
      throw error;
    }
    await this.db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(mailOutbox.id, outboxId));
  }

  /** The messages addressed to one user, newest first (the portal's Notifications), with how many it has not opened. */
  async listForUser(userId: string, size: number, after?: { at: Date; id: string }) {
    const mine = eq(mailOutbox.recipientUserId, userId);
    const page = after
      ? or(lt(mailOutbox.createdAt, after.at), and(eq(mailOutbox.createdAt, after.at), lt(mailOutbox.id, after.id)))
      : undefined;
    const [items, [count]] = await Promise.all([
      // NULLS LAST as in mail_outbox_recipient_idx, so the index is read in order.
      this.db.select().from(mailOutbox).where(and(mine, page)).orderBy(sql`${mailOutbox.createdAt} desc nulls last`, sql`${mailOutbox.id} desc nulls last`).limit(size + 1),
      // The unread count reads mail_outbox_unread_idx (partial: only unread rows).
      this.db
        .select({ n: sql<number>`count(*)::int`, unread: sql<number>`(select count(*)::int from ${mailOutbox} where ${mine} and ${mailOutbox.readAt} is null)` })
        .from(mailOutbox)
        .where(mine),
    ]);
    return { items, totalCount: count?.n ?? 0, unreadCount: count?.unread ?? 0 };
  }

  /** Marks one of the user's messages read (the first opening's time is kept); undefined when it is not the user's. */
  async markRead(userId: string, id: string) {
    const [row] = await this.db
      .update(mailOutbox)
      .set({ readAt: sql`coalesce(${mailOutbox.readAt}, now())` })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.recipientUserId, userId)))
      .returning();
    return row;
  }

  /** Marks every unread message of the user read; answers how many were. */
  async markAllRead(userId: string): Promise<number> {
    const rows = await this.db
      .update(mailOutbox)
      .set({ readAt: sql`now()` })
      .where(and(eq(mailOutbox.recipientUserId, userId), isNull(mailOutbox.readAt)))
      .returning({ id: mailOutbox.id });
    return rows.length;
  }

  /** The newest message of a template sent to an address (its text, as the recipient reads it). */
  async latestTo(address: string, template: Template) {
    const [row] = await this.db
      .select({ text: mailOutbox.textBody, subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, address), eq(mailOutbox.template, template)))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    return row;
  }

  close() {
    this.transport.close();
  }
}
