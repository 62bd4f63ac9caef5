// Mail transports: a folder of RFC 5322 .eml files (the default) or an SMTP server (MAIL_URL=smtp://…).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function message(mail: OutgoingMail) {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Content-Language': mail.locale },
  };
}

/** Each message becomes <dir>/<message-id>.eml; a retry rewrites the same file. */
function fileTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const info = await builder.sendMail(message(mail));
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9@._-]/g, '_');
      const target = path.join(dir, `${name}.eml`);
      await writeFile(`${target}.tmp`, info.message as Buffer);
      await rename(`${target}.tmp`, target);
    },
    close() {
      builder.close();
    },
  };
}

function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail(message(mail));
    },
    close() {
      transporter.close();
    },
  };
}

export function createTransport(mailUrl: string): MailTransport {
  if (mailUrl.startsWith('file:')) return fileTransport(fileURLToPath(mailUrl));
  return smtpTransport(mailUrl);
}
