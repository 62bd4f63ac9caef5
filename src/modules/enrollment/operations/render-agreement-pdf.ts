// ENR-9 "downloadable before acceptance": an agreement document as a PDF (pdf.ts lays it out) in the
// asked language, else English, else the first there is.
import { agreementPdf } from '../pdf.js';
import { documentOf } from '../reads.js';
import type { AgreementsDeps } from './deps.js';

export async function renderAgreementPdf(deps: AgreementsDeps, templateId: string, language: string) {
  const { template, doc } = await documentOf(deps.db, templateId, language);
  return { filename: `${template.type}-${template.version}-${doc.language}.pdf`, content: await agreementPdf({ title: doc.title, body: doc.body, language: doc.language, version: template.version, type: template.type }) };
}
