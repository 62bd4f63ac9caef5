// ENR-9 "viewable before acceptance": an agreement document as HTML in the asked language (else
// English, else the first there is). Agreement Markdown is rendered without raw HTML: any HTML in
// the source is shown as text.
import { Marked, type Tokens } from 'marked';
import { documentOf } from '../reads.js';
import type { AgreementsDeps } from './deps.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const markdown = new Marked({ renderer: { html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text) } });

export async function renderAgreementHtml(deps: AgreementsDeps, templateId: string, language: string) {
  const { template, doc } = await documentOf(deps.db, templateId, language);
  const body = await markdown.parse(doc.body);
  return `<!doctype html><html lang="${escapeHtml(doc.language)}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head><body><article data-agreement="${template.id}" data-version="${escapeHtml(template.version)}">${/^\s*#\s/.test(doc.body) ? '' : `<h1>${escapeHtml(doc.title)}</h1>`}${body}</article></body></html>`;
}
