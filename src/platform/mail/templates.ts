// Email templates: subject and body per locale from the server message catalogs, rendered as text
// and as minimal HTML (escaped, links made clickable).
import { translate, type Locale, type MessageKey } from '../i18n/index.js';

export const templates = ['welcome', 'userAdded', 'verifyEmail', 'enrollmentStatus', 'resellerInvitation', 'relationshipCreated', 'relationshipEnded', 'customerInvitation', 'customerAccepted', 'delegatedAdminRequest', 'supportRequestResolved', 'passwordReset', 'partnerSuspended', 'partnerReinstated', 'mfaReset', 'renewalReminder', 'invoiceReady', 'webhookDisabled'] as const;
export type Template = (typeof templates)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderMail(template: Template, locale: Locale, params: Record<string, unknown>): RenderedMail {
  const subject = translate(locale, `mail.${template}.subject` as MessageKey, params);
  const text = translate(locale, `mail.${template}.body` as MessageKey, params);
  return { subject, text, html: htmlOf(subject, text, locale) };
}

/** The HTML part of a plain-text message: escaped, links made clickable. */
export function htmlOf(subject: string, text: string, locale: string): string {
  const body = escapeHtml(text)
    .replace(/https?:\/\/[^\s<]+/g, (href) => `<a href="${href}">${href}</a>`)
    .split('\n')
    .join('<br>\n');
  return `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px">${body}</body></html>`;
}
