// Mail through a real SMTP server (smtp-server, in process): the outbox is delivered after commit,
// a failed delivery is retried with the same Message-ID, and templates exist in every language.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { query } from '../../db/index.js';
import { Client, testPassword, uniqueEmail } from '../../../test/helpers/client.js';
import { target, targetKinds } from '../../../test/helpers/server.js';
import { catalogs, locales, type MessageKey } from '../i18n/index.js';
import { renderMail, templates } from './templates.js';

interface Received {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  accepted: boolean;
}

describe('mail templates', () => {
  it('every template renders in every language, with escaped HTML and clickable links', () => {
    for (const template of templates) {
      // Every placeholder gets a value: links a URL, everything else text that needs escaping.
      const keys = [...`${catalogs.en[`mail.${template}.subject` as MessageKey]} ${catalogs.en[`mail.${template}.body` as MessageKey]}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(keys.map((k) => [k, /url|link/i.test(k) ? 'http://localhost:8080/signin' : '<Ann>']));
      params.url = params.link = 'http://localhost:8080/signin';
      const english = renderMail(template, 'en', params);
      for (const locale of locales) {
        const mail = renderMail(template, locale, params);
        expect(mail.subject.length, `${template} ${locale}`).toBeGreaterThan(0);
        expect(mail.html).toContain('&lt;Ann&gt;');
        if (keys.some((k) => /url|link/i.test(k))) expect(mail.html).toContain('<a href="http://localhost:8080/signin">');
        expect(mail.text).not.toMatch(/\{\w+\}/);
        expect(mail.html).toContain(`lang="${locale}"`);
        if (locale !== 'en') expect(mail.text, `${template} ${locale}`).not.toBe(english.text);
      }
    }
  });
});

describe.each(targetKinds())('SMTP delivery on %s', (kind) => {
  const received: Received[] = [];
  let rejectNext = 0;
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const accepted = rejectNext === 0;
            if (!accepted) rejectNext--;
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              accepted,
            });
            callback(accepted ? null : Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the welcome mail of a new work account, once, after commit', async () => {
    // A database of its own: a drain here sends only this suite's mail (not every other suite's queued mail) to this SMTP server.
    const t = await target(kind, { instance: `smtp-${port}`, isolated: true, env: { MAIL_URL: `smtp://127.0.0.1:${port}` } });
    const email = uniqueEmail('smtp');
    const created = await new Client(t.url).post('/v1/tenants', {
      organizationName: 'SMTP Org',
      country: 'ID',
      admin: { displayName: 'Budi', email, password: testPassword, language: 'id' },
    });
    expect(created.status).toBe(201);
    await t.app.platform.jobs.drain();
    const mine = received.filter((m) => m.to.includes(email));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('Selamat datang di Channel Center, Budi');
    expect(mine[0]!.text).toContain('http://localhost:8080/signin');
    expect(mine[0]!.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
  });

  it('retries a failed delivery with backoff and the same Message-ID', async () => {
    // A database of its own: a drain here sends only this suite's mail (not every other suite's queued mail) to this SMTP server.
    const t = await target(kind, { instance: `smtp-${port}`, isolated: true, env: { MAIL_URL: `smtp://127.0.0.1:${port}` } });
    const email = uniqueEmail('retry');
    rejectNext = 1;
    await new Client(t.url).post('/v1/tenants', { organizationName: 'Retry Org', country: 'FR', admin: { displayName: 'R', email, password: testPassword } });
    await t.app.platform.jobs.drain();
    const [job] = await query<{ status: string; attempts: number; last_error: string; later: boolean }>(
      t.app.platform.db,
      sql`select j.status, j.attempts, j.last_error, j.run_at > now() as later from jobs j join mail_outbox m on m.id::text = j.payload->>'outboxId' where m.to_address = ${email}`,
    );
    expect(job).toMatchObject({ status: 'queued', attempts: 1, later: true });
    expect(job!.last_error).toContain('mailbox busy');
    // Time passes: the retry is due.
    await t.app.platform.db.execute(sql`update jobs set run_at = now() where payload->>'outboxId' in (select id::text from mail_outbox where to_address = ${email})`);
    await t.app.platform.jobs.drain();
    const attempts = received.filter((m) => m.to.includes(email));
    expect(attempts.map((a) => a.accepted)).toEqual([false, true]);
    expect(attempts[0]!.messageId).toBe(attempts[1]!.messageId);
    const [mail] = await query<{ status: string; attempts: number }>(t.app.platform.db, sql`select status, attempts from mail_outbox where to_address = ${email}`);
    expect(mail).toEqual({ status: 'sent', attempts: 2 });
  });
});
