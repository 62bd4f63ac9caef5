// Marketplace rules, pure: MKP-1 defaults, the MKP-7/MKP-8 live-audience table (every cell), CSV safety.
import { describe, expect, it } from 'vitest';
import { audienceModes, checkAudienceChange, csvSafe, defaultAudienceMode, missingForPublish, modeChanges, requestedChangeProblems } from './rules.js';

describe('MKP-1 default audience', () => {
  it.each([
    ['container', [], 'all'],
    ['virtualMachine', [{ licenseModel: 'byol' }], 'all'],
    ['virtualMachine', [{ licenseModel: 'byol' }, { licenseModel: 'payg' }], 'none'],
    ['virtualMachine', [], 'none'],
    ['saas', [{ licenseModel: 'byol' }], 'none'],
    ['solutionTemplate', [], 'none'],
    ['managedApplication', [], 'none'],
    ['dynamics365BusinessCentral', [], 'none'],
  ] as const)('%s with %j starts as %s', (type, plans, mode) => {
    expect(defaultAudienceMode(type, [...plans])).toBe(mode);
  });
});

describe('MKP-8 moving a live offer between options: every cell', () => {
  const expected: Record<string, string> = {
    'none→none': 'selfService',
    'none→all': 'selfService',
    'none→selected': 'selfService',
    'all→all': 'selfService',
    'all→selected': 'supportRequest',
    'all→none': 'supportRequest',
    'selected→selected': 'selfService',
    'selected→all': 'supportRequest',
    'selected→none': 'supportRequest',
  };
  for (const from of audienceModes) {
    for (const to of audienceModes) {
      it(`${from} → ${to}: ${expected[`${from}→${to}`]}`, () => {
        expect(modeChanges[from][to].allowed).toBe(expected[`${from}→${to}`]);
        const result = checkAudienceChange({ fromMode: from, toMode: to, removed: [], resold: new Set() });
        expect(result).toEqual({ ok: true, needsSupportRequest: expected[`${from}→${to}`] === 'supportRequest' });
      });
    }
  }
  it('MKP-8 selected → none only if no authorized partner has resold', () => {
    expect(checkAudienceChange({ fromMode: 'selected', toMode: 'none', removed: ['a'], resold: new Set(['a']) })).toEqual({ ok: false, code: 'partner_has_resold' });
  });
  it('MKP-8 all → none only if no partner has resold (MKP-7: it would de-authorize them)', () => {
    expect(modeChanges.all.none).toEqual({ allowed: 'supportRequest', requireNoneResold: true });
    expect(checkAudienceChange({ fromMode: 'all', toMode: 'none', removed: [], resold: new Set(['a']) })).toEqual({ ok: false, code: 'partner_has_resold' });
    expect(checkAudienceChange({ fromMode: 'all', toMode: 'none', removed: [], resold: new Set() })).toEqual({ ok: true, needsSupportRequest: true });
  });
  it('MKP-8 all → selected keeps every partner that has resold (not refused)', () => {
    expect(modeChanges.all.selected).toEqual({ allowed: 'supportRequest', keepResold: true });
    expect(checkAudienceChange({ fromMode: 'all', toMode: 'selected', removed: [], resold: new Set(['a']) })).toEqual({ ok: true, needsSupportRequest: true });
  });
  it('MKP-7 removing a partner from a live selected list needs a support request, never for one that has resold', () => {
    expect(checkAudienceChange({ fromMode: 'selected', toMode: 'selected', removed: ['b'], resold: new Set(['a']) })).toEqual({ ok: true, needsSupportRequest: true });
    expect(checkAudienceChange({ fromMode: 'selected', toMode: 'selected', removed: ['a'], resold: new Set(['a']) })).toEqual({ ok: false, code: 'partner_has_resold' });
  });
});

describe('publishing and CSV', () => {
  it('lists every missing item', () => {
    expect(missingForPublish({ listing: null, plans: [] })).toEqual(['/listing', '/plans']);
    expect(missingForPublish({ listing: {}, plans: [{ prices: [], markets: ['FR'] }, { prices: [1], markets: [] }] })).toEqual(['/plans/0/prices', '/plans/1/markets']);
  });
  it('MKP-5 neutralizes cells a spreadsheet would run', () => {
    expect(['=1+1', '+33', '-x', '@sum', 'Contoso'].map(csvSafe)).toEqual(["'=1+1", "'+33", "'-x", "'@sum", 'Contoso']);
  });
});

describe('MKP-7, MKP-8, MKP-9 a support request the rules refuse when it is opened', () => {
  const resold = new Set(['aaaaaaaa-0000-4000-8000-000000000001']);
  it('MKP-8 all → none or selected → none while a partner has resold names /requestedChange/mode', () => {
    for (const from of ['all', 'selected'] as const) {
      expect(requestedChangeProblems(from, { mode: 'none' }, resold)).toEqual([{ path: '/requestedChange/mode', code: 'partner_has_resold' }]);
      expect(requestedChangeProblems(from, { mode: 'none' }, new Set())).toEqual([]);
    }
  });
  it('MKP-8 the other moves are not refused for resale', () => {
    for (const from of audienceModes) for (const to of audienceModes) if (to !== 'none' || from === 'none') expect(requestedChangeProblems(from, { mode: to }, resold), `${from} → ${to}`).toEqual([]);
  });
  it('MKP-7 removing a partner that has resold names it, in any case; others may be removed', () => {
    expect(requestedChangeProblems('selected', { removePartnerTenantIds: ['bbbbbbbb-0000-4000-8000-000000000002', 'AAAAAAAA-0000-4000-8000-000000000001'] }, resold)).toEqual([
      { path: '/requestedChange/removePartnerTenantIds/1', code: 'partner_has_resold' },
    ]);
    expect(requestedChangeProblems('selected', { removePartnerTenantIds: ['bbbbbbbb-0000-4000-8000-000000000002'] }, resold)).toEqual([]);
    expect(requestedChangeProblems('selected', {}, resold)).toEqual([]);
  });
  it('MKP-7, MKP-8 both at once: every field at fault', () => {
    expect(requestedChangeProblems('selected', { mode: 'none', removePartnerTenantIds: [...resold] }, resold).map((p) => p.path)).toEqual(['/requestedChange/removePartnerTenantIds/0', '/requestedChange/mode']);
  });
});
