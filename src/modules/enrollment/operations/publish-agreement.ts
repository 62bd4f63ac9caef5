// ENR-9: the operator publishes one language of an agreement version; a new version becomes the
// current one of its type (a partial unique index holds one current per type), audited.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { Agreement, AgreementType } from '../contract.js';
import { listAgreements } from '../reads.js';
import { agreementDocuments, agreementTemplates } from '../schema.js';
import type { AgreementsDeps } from './deps.js';

export async function publishAgreement(
  deps: AgreementsDeps,
  ctx: RequestContext,
  input: { type: AgreementType; version: string; language: string; title: string; body: string },
): Promise<Agreement> {
  return deps.platform.transaction(async (tx) => {
    let [template] = await tx.select().from(agreementTemplates).where(and(eq(agreementTemplates.type, input.type), eq(agreementTemplates.version, input.version))).for('update');
    if (!template) {
      await tx.update(agreementTemplates).set({ current: false }).where(and(eq(agreementTemplates.type, input.type), eq(agreementTemplates.current, true)));
      [template] = await tx.insert(agreementTemplates).values({ type: input.type, version: input.version, current: true }).returning();
    }
    const document = { templateId: template!.id, language: input.language, title: input.title.trim(), body: input.body };
    await tx
      .insert(agreementDocuments)
      .values(document)
      .onConflictDoUpdate({ target: [agreementDocuments.templateId, agreementDocuments.language], set: { title: document.title, body: document.body, updatedAt: new Date() } });
    await writeAudit(tx, ctx, {
      tenantId: ctx.actor!.tenantId,
      action: 'agreement.published',
      resourceType: 'agreement',
      resourceId: template!.id,
      after: { type: input.type, version: input.version, language: input.language, title: document.title },
    });
    return (await listAgreements(tx, input.type)).find((t) => t.templateId === template!.id)!;
  });
}
