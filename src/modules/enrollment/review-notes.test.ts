// The operator's review through HTTP on a real database (ENR-6): the queue filtered by several statuses
// (what needs action), every date of an enrollment from one start (rules.ts reviewTimeline), the
// reviewers' notes (persisted, audited in the operator's tenant, never the partner's) and the
// enrollment's history.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser } from '../../../test/helpers/client.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import { addBusinessDays, reviewDays } from './rules.js';

async function addOperatorUser(t: Target, roles: string[]) {
  return addUser(t, await signInOperator(t), roles);
}

describe.each(targetKinds())('enrollment review on %s', (kind) => {
  it('ENR-6 the queue takes several statuses (inReview and actionRequired: what needs action), one status as before, and refuses an unknown one', async () => {
    const t = await target(kind);
    const reviewer = await addOperatorUser(t, ['reviewer']);
    const waiting = await enrollPartner(t, { stage: 'inReview' });
    const asked = await enrollPartner(t, { stage: 'inReview' });
    const active = await enrollPartner(t, { stage: 'active' });
    expect((await reviewer.client.post(`/v1/operator/enrollments/${asked.enrollmentId}/decisions`, { decision: 'requestInfo', reason: 'Upload proof of address.' })).status).toBe(200);

    const ids = async (query: string) => {
      const page = await reviewer.client.get(`/v1/operator/enrollments?${query}&size=500`);
      expect(page.status, page.text).toBe(200);
      return { ids: page.body.items.map((i) => i.id), statuses: new Set(page.body.items.map((i) => i.status)) };
    };
    const needsAction = await ids('status=inReview&status=actionRequired');
    expect(needsAction.ids).toEqual(expect.arrayContaining([waiting.enrollmentId, asked.enrollmentId]));
    expect(needsAction.ids).not.toContain(active.enrollmentId);
    expect([...needsAction.statuses].sort()).toEqual(['actionRequired', 'inReview']);
    const one = await ids('status=inReview');
    expect(one.ids).toContain(waiting.enrollmentId);
    expect(one.ids).not.toContain(asked.enrollmentId);
    expect([...one.statuses]).toEqual(['inReview']);
    expect((await ids('status=active')).ids).toContain(active.enrollmentId);
    const unknown = await reviewer.client.get('/v1/operator/enrollments?status=inReview&status=pondering');
    expect(unknown.status).toBe(400);
  });

  it('ENR-6 the dates tell one story: submitted before the review starts, expected 5 business days after it, overdue once past, in the queue and the detail alike', async () => {
    const t = await target(kind);
    const operator = await signInOperator(t);
    const partner = await enrollPartner(t, { stage: 'inReview' });
    // Back-dated as a whole, and the stored expected date left stale: the answers follow the start.
    await t.app.platform.db.execute(sql`update enrollments set created_at = created_at - interval '20 days', submitted_at = submitted_at - interval '20 days',
      email_verified_at = email_verified_at - interval '20 days', review_started_at = review_started_at - interval '20 days', expected_decision_by = (now() + interval '3 days')::date
      where id = ${partner.enrollmentId}`);
    const holidays = await t.app.services.operator.holidaySet();
    const detail = await operator.get(`/v1/operator/enrollments/${partner.enrollmentId}`);
    const enrollment = detail.body.enrollment;
    expect(Date.parse(enrollment.submittedAt!)).toBeLessThanOrEqual(Date.parse(enrollment.reviewStartedAt!));
    const expected = addBusinessDays(new Date(enrollment.reviewStartedAt!), reviewDays.latest, holidays);
    expect(enrollment.expectedDecisionBy).toBe(expected);
    expect(enrollment.expectedDecisionBy! < new Date().toISOString().slice(0, 10)).toBe(true);
    expect(enrollment.overdue).toBe(true);
    const queue = await operator.get('/v1/operator/enrollments?status=inReview&overdue=true&size=500');
    const item = queue.body.items.find((i) => i.id === partner.enrollmentId)!;
    expect(item).toMatchObject({ submittedAt: enrollment.submittedAt, reviewStartedAt: enrollment.reviewStartedAt, expectedDecisionBy: expected, overdue: true });
    expect(item.ageBusinessDays).toBeGreaterThan(reviewDays.latest);
    // The partner reads the same dates.
    expect((await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`)).body).toMatchObject({ expectedDecisionBy: expected, overdue: true });
  });

  it("ENR-6 reviewers' notes: persisted, replaced as a whole, audited in the operator's tenant, never shown to the partner; the history lists them with the status changes and who acted", async () => {
    const t = await target(kind);
    const reviewer = await addOperatorUser(t, ['reviewer']);
    const support = await addOperatorUser(t, ['supportEngineer']);
    const partner = await enrollPartner(t, { stage: 'inReview' });
    const path = `/v1/operator/enrollments/${partner.enrollmentId}/review-notes` as const;

    const empty = await reviewer.client.get(`/v1/operator/enrollments/${partner.enrollmentId}`);
    expect(empty.body.reviewNotes).toEqual({ notes: '', updatedAt: null, updatedBy: null });
    const saved = await reviewer.client.put(path, { notes: 'Called the contact: the registration document is on its way.' });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ notes: 'Called the contact: the registration document is on its way.', updatedBy: { userId: reviewer.userId, name: expect.any(String) } });
    const again = await reviewer.client.put(path, { notes: 'Called the contact: the registration document is on its way.' });
    expect(again.body.updatedAt).toBe(saved.body.updatedAt); // unchanged: nothing written
    const replaced = await reviewer.client.put(path, { notes: 'Document received; the address matches.' });
    expect(replaced.body.notes).toBe('Document received; the address matches.');
    expect((await reviewer.client.get(`/v1/operator/enrollments/${partner.enrollmentId}`)).body.reviewNotes.notes).toBe('Document received; the address matches.');
    const tooLong = await reviewer.client.put(path, { notes: 'x'.repeat(10_001) });
    expect([tooLong.status, tooLong.body.errors?.[0]?.path]).toEqual([400, '/notes']);
    expect((await reviewer.client.put(`/v1/operator/enrollments/${crypto.randomUUID()}/review-notes`, { notes: 'x' })).status).toBe(404);

    // Reviewers and operator admins write notes; support engineers read them; partners neither.
    expect((await support.client.put(path, { notes: 'Mine' })).status).toBe(403);
    expect((await support.client.get(`/v1/operator/enrollments/${partner.enrollmentId}/history`)).status).toBe(200);
    await expectAuthorization(t, { method: 'PUT', path: () => path, body: () => ({ notes: 'Partner note' }), allowed: [], otherTenant: 'own' });
    await expectAuthorization(t, { method: 'GET', path: () => `/v1/operator/enrollments/${partner.enrollmentId}/history`, allowed: [], otherTenant: 'own' });

    // Audited twice (the unchanged save wrote nothing), about the operator's tenant: the partner's audit log has neither.
    const operator = await signInOperator(t);
    const records = await operator.get('/v1/audit-records?action=enrollment.reviewNotesUpdated&size=200');
    const mine = records.body.items.filter((r) => r.resourceId === partner.enrollmentId);
    expect(mine.map((r) => (r.after as { notes: string }).notes)).toEqual(['Document received; the address matches.', 'Called the contact: the registration document is on its way.']);
    expect(mine.every((r) => r.tenantId === reviewer.tenantId && r.tenantId !== partner.tenantId)).toBe(true);
    const partnerLog = await partner.client.get('/v1/audit-records?size=200');
    expect(partnerLog.body.items.some((r) => r.action === 'enrollment.reviewNotesUpdated')).toBe(false);
    expect(JSON.stringify((await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`)).body)).not.toContain('Document received');

    // The history: newest first, the notes and the partner's own steps, each with who acted.
    const history = await reviewer.client.get(`/v1/operator/enrollments/${partner.enrollmentId}/history`);
    expect(history.status, history.text).toBe(200);
    const actions = history.body.items.map((i) => i.action);
    expect(actions.slice(0, 2)).toEqual(['enrollment.reviewNotesUpdated', 'enrollment.reviewNotesUpdated']);
    expect(actions.slice(2)).toEqual(['enrollment.inReview', 'enrollment.emailVerificationPending', 'enrollment.created']);
    const at = history.body.items.map((i) => Date.parse(i.at));
    expect(at).toEqual([...at].sort((a, b) => b - a));
    expect(history.body.items[0]).toMatchObject({ actorUserId: reviewer.userId, actorName: expect.any(String), actorTenantId: reviewer.tenantId });
    const created = history.body.items.at(-1)!;
    expect(created).toMatchObject({ actorUserId: partner.userId, actorTenantId: partner.tenantId, actorTenantName: expect.any(String) });
    expect((await reviewer.client.get(`/v1/operator/enrollments/${crypto.randomUUID()}/history`)).status).toBe(404);
  });
});
