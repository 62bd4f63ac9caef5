// Agreement documents as PDF (ENR-9 "downloadable"): Markdown laid out with pdfkit. Chinese
// documents embed Noto Sans CJK (subset by pdfkit), Latin ones use the built-in Helvetica.
import { createRequire } from 'node:module';
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';

const require = createRequire(import.meta.url);

function cjkFont(language: string): string | undefined {
  const pkg = language === 'zh-Hant' ? '@embedpdf/fonts-tc' : language === 'zh-Hans' ? '@embedpdf/fonts-sc' : undefined;
  if (!pkg) return undefined;
  const dir = path.join(path.dirname(require.resolve(pkg)), '..', 'fonts');
  return path.join(dir, language === 'zh-Hant' ? 'NotoSansHant-Regular.otf' : 'NotoSansHans-Regular.otf');
}

function plain(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens.map((t) => ('tokens' in t && t.tokens ? plain(t.tokens as Token[], (t as Tokens.Generic).text ?? '') : ((t as Tokens.Generic).text ?? t.raw))).join('');
}

export async function agreementPdf(input: { title: string; body: string; language: string; version: string; type: string }): Promise<Buffer> {
  // pdfkit (about 25 MB resident) is loaded on the first document, not at start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: input.title, Subject: `${input.type} ${input.version}` }, lang: input.language });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const font = cjkFont(input.language);
  const regular = font ?? 'Helvetica';
  const bold = font ?? 'Helvetica-Bold';
  if (font) doc.registerFont(font, font);
  doc.font(bold).fontSize(18).text(input.title);
  doc.moveDown(0.3).font(regular).fontSize(9).fillColor('#555555').text(`${input.type} · ${input.version} · ${input.language}`).fillColor('#000000').moveDown();
  for (const token of marked.lexer(input.body)) {
    if (token.type === 'heading') {
      const sizes = [16, 14, 12, 11, 11, 11];
      doc.moveDown(0.5).font(bold).fontSize(sizes[token.depth - 1] ?? 11).text(plain(token.tokens, token.text)).moveDown(0.3);
    } else if (token.type === 'paragraph' || token.type === 'text') {
      doc.font(regular).fontSize(10.5).text(plain(token.tokens, token.text), { align: 'left' }).moveDown(0.5);
    } else if (token.type === 'list') {
      (token as Tokens.List).items.forEach((item, index) => {
        const marker = (token as Tokens.List).ordered ? `${Number((token as Tokens.List).start || 1) + index}.` : '•';
        doc.font(regular).fontSize(10.5).text(`${marker} ${plain(item.tokens, item.text)}`, { indent: 12 });
      });
      doc.moveDown(0.5);
    } else if (token.type === 'blockquote' || token.type === 'code') {
      doc.font(regular).fontSize(10).fillColor('#333333').text((token as Tokens.Generic).text ?? '', { indent: 16 }).fillColor('#000000').moveDown(0.5);
    } else if (token.type === 'hr') {
      doc.moveDown(0.5);
    }
  }
  doc.end();
  return done;
}
