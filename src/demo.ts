// The demo program: created through the services (never raw inserts) into an empty database on
// first start with DEMO=1. Each workflow adds its part here. The program began last month (BIL-1): its
// prices and its first purchases were made then, on an instance of the app whose clock is set back to
// that month's first day, and last month is closed by the month-end run; this month's purchases and
// periods are accruing.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Secret } from 'otpauth';
import { buildApp, type App } from './app.js';
import { query } from './db/index.js';
import type { RequestContext } from './platform/audit.js';
import type { Locale } from './platform/i18n/index.js';
import type { Program } from './modules/identity/service.js';
import { addBusinessDays, businessDaysBetween, reviewDays, type EnrollmentProgram } from './modules/enrollment/rules.js';
import type { DelegatedAdminRole } from './modules/customers/rules.js';
import type { PlanBody } from './modules/marketplace/contract.js';
import { periodOf } from './modules/billing/rules.js';
import { billingCycleAllowedForTerm } from './modules/commerce/rules.js';
import type { PriceListEntryBody } from './modules/pricing/contract.js';
import { monthOf, nextMonth } from './modules/pricing/rules.js';
import { adjustByBasisPoints, exponentOf, formatAmount } from './platform/money.js';

export const demoPassword = 'Demo-Password-2026';

/** How far a demo partner's enrollment has gone. */
type DemoStage = 'active' | 'overdue' | 'actionRequired' | 'verified' | 'suspended';

export interface DemoAccount {
  organization: string;
  country: string;
  program: Program;
  email: string;
  stage?: DemoStage;
  /** Street address, postal code, city and phone for the legal profile. */
  place?: { addressLine1: string; postalCode: string; city: string; state?: string; phone: string };
}

const places = {
  FR: { addressLine1: '35 rue du Faubourg Saint-Honoré', postalCode: '75008', city: 'Paris', phone: '+33 1 42 68 53 00' },
  FR2: { addressLine1: '8 place Bellecour', postalCode: '69002', city: 'Lyon', phone: '+33 4 72 77 69 69' },
  DE: { addressLine1: 'Unter den Linden 21', postalCode: '10117', city: 'Berlin', phone: '+49 30 2025 0' },
  DE2: { addressLine1: 'Marienplatz 8', postalCode: '80331', city: 'München', phone: '+49 89 2333 0' },
  US: { addressLine1: '1 Microsoft Way', postalCode: '98052', city: 'Redmond', state: 'WA', phone: '+1 425 882 8080' },
  US2: { addressLine1: '410 Terry Ave N', postalCode: '98109', city: 'Seattle', state: 'WA', phone: '+1 206 266 1000' },
};

export const demoAccounts: DemoAccount[] = [
  { organization: 'Contoso Operator', country: 'US', program: 'operator', email: 'operator@contoso-operator.example' },
  { organization: 'Fabrikam Distribution France', country: 'FR', program: 'indirectProvider', email: 'admin@fabrikam-fr.example', stage: 'active', place: places.FR },
  { organization: 'Northwind Distribution US', country: 'US', program: 'indirectProvider', email: 'admin@northwind-us.example', stage: 'active', place: places.US },
  { organization: 'Lumière Conseil', country: 'FR', program: 'indirectReseller', email: 'admin@lumiere-conseil.example', stage: 'active', place: places.FR2 },
  { organization: 'Adler IT Systeme', country: 'DE', program: 'indirectReseller', email: 'admin@adler-it.example', stage: 'active', place: places.DE },
  { organization: 'Tailspin Cloud Services', country: 'US', program: 'indirectReseller', email: 'admin@tailspin-cloud.example', stage: 'active', place: places.US2 },
  { organization: 'Wingtip Partenaires', country: 'FR', program: 'indirectReseller', email: 'admin@wingtip-partenaires.example', stage: 'overdue', place: places.FR },
  { organization: 'Coho Systemhaus', country: 'DE', program: 'indirectReseller', email: 'admin@coho-systemhaus.example', stage: 'actionRequired', place: places.DE2 },
  { organization: 'Litware Solutions', country: 'US', program: 'indirectReseller', email: 'admin@litware-solutions.example', stage: 'verified', place: places.US },
  { organization: 'Fourth Coffee Partenaires', country: 'FR', program: 'indirectReseller', email: 'admin@fourthcoffee-partenaires.example', stage: 'suspended', place: places.FR2 },
  { organization: 'Proseware Software', country: 'US', program: 'publisher', email: 'admin@proseware.example' },
  { organization: 'Boulangerie Dupont', country: 'FR', program: 'customer', email: 'admin@boulangerie-dupont.example' },
  { organization: 'Alpine Ski House', country: 'US', program: 'customer', email: 'admin@alpineskihouse.example' },
];

const agreementTexts: Record<Locale, { title: string; body: string }> = {
  en: { title: 'Channel Center Partner Agreement', body: '# Channel Center Partner Agreement\n\n## 1. Scope\nThis agreement governs reselling cloud services in the partner’s CSP region.\n\n## 2. Obligations\n- Keep your legal and support details current.\n- Sell only to customers in your region.\n\n## 3. Term\nThis agreement stays in force until either party ends it.' },
  fr: { title: 'Contrat partenaire Channel Center', body: '# Contrat partenaire Channel Center\n\n## 1. Objet\nLe présent contrat régit la revente de services cloud dans la région CSP du partenaire.\n\n## 2. Obligations\n- Tenir à jour vos informations légales et de support.\n- Ne vendre qu’à des clients de votre région.\n\n## 3. Durée\nLe contrat reste en vigueur jusqu’à sa résiliation par l’une des parties.' },
  'zh-Hans': { title: 'Channel Center 合作伙伴协议', body: '# Channel Center 合作伙伴协议\n\n## 1. 范围\n本协议适用于在合作伙伴的 CSP 区域内转售云服务。\n\n## 2. 义务\n- 及时更新法律和支持信息。\n- 仅向本区域的客户销售。\n\n## 3. 期限\n本协议持续有效，直至任一方终止。' },
  'zh-Hant': { title: 'Channel Center 合作夥伴合約', body: '# Channel Center 合作夥伴合約\n\n## 1. 範圍\n本合約適用於在合作夥伴的 CSP 區域內轉售雲端服務。\n\n## 2. 義務\n- 隨時更新法律和支援資訊。\n- 僅向本區域的客戶銷售。\n\n## 3. 期限\n本合約持續有效，直到任一方終止為止。' },
  id: { title: 'Perjanjian Mitra Channel Center', body: '# Perjanjian Mitra Channel Center\n\n## 1. Ruang lingkup\nPerjanjian ini mengatur penjualan kembali layanan cloud di wilayah CSP mitra.\n\n## 2. Kewajiban\n- Selalu perbarui informasi hukum dan dukungan Anda.\n- Hanya menjual kepada pelanggan di wilayah Anda.\n\n## 3. Jangka waktu\nPerjanjian ini berlaku hingga salah satu pihak mengakhirinya.' },
};

/** True when the database holds no tenant yet (the demo is seeded only then). */
export async function isEmpty(app: App): Promise<boolean> {
  const rows = await query<{ n: number }>(app.platform.db, sql`select count(*)::int as n from tenants`);
  return Number(rows[0]?.n ?? 0) === 0;
}

function slug(name: string) {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

export async function seedDemo(app: App): Promise<void> {
  const base: RequestContext = { requestId: 'demo-seed', locale: 'en' };
  const { identity, enrollment, agreements } = app.services;

  // The program has one operator: the one from OPERATOR_EMAIL when it was set, else the demo's.
  const operatorAccount = demoAccounts.find((a) => a.program === 'operator')!;
  await identity.ensureOperator(base, { email: operatorAccount.email, password: demoPassword, name: operatorAccount.organization, country: operatorAccount.country });
  const [operatorAdmin] = await query<{ id: string }>(
    app.platform.db,
    sql`select u.id from users u join tenant_memberships m on m.tenant_id = u.tenant_id and m.program = 'operator' where 'operatorAdmin' = any(u.roles) order by u.created_at limit 1`,
  );
  const asOperator: RequestContext = { ...base, actor: await identity.actorOf(operatorAdmin!.id) };

  await enrollment.importRegistry(
    asOperator,
    [
      'dunsNumber,legalName,addressLine1,addressLine2,city,state,postalCode,country',
      '150483782,Contoso Ltd,1 Microsoft Way,,Redmond,WA,98052,US',
      '275891234,Fabrikam SAS,35 rue du Faubourg Saint-Honoré,,Paris,,75008,FR',
      '318765432,Adatum GmbH,Marienplatz 8,,München,,80331,DE',
      '402918273,Woodgrove Bank Indonesia,Jalan Sudirman 5,,Jakarta,,10220,ID',
    ].join('\n'),
  );

  let templateId = '';
  for (const [language, text] of Object.entries(agreementTexts)) {
    templateId = (await agreements.publish(asOperator, { type: 'partnerAgreement', version: '2026-01', language, ...text })).templateId;
  }

  for (const account of demoAccounts) {
    if (account.program === 'operator') continue;
    const language: Locale = account.country === 'FR' ? 'fr' : 'en';
    const created = await identity.createTenant(base, {
      organizationName: account.organization,
      country: account.country,
      admin: { displayName: `${account.organization} Admin`, email: account.email, password: demoPassword, language },
    });
    if (!account.stage || !account.place) {
      await identity.setMembership(base, created.tenant.id, account.program, 'active');
      continue;
    }
    const ctx: RequestContext = { ...base, locale: language, actor: await identity.actorOf(created.user.id) };
    const domain = `${slug(account.organization)}.example`;
    const address = { addressLine1: account.place.addressLine1, city: account.place.city, postalCode: account.place.postalCode, country: account.country, ...(account.place.state ? { state: account.place.state } : {}) };
    await enrollment.putLegalProfile(
      ctx,
      { legalName: account.organization, address, primaryContact: { firstName: 'Alex', lastName: 'Martin', email: account.email, phone: account.place.phone } },
      () => {},
    );
    await enrollment.putSupportProfile(ctx, { email: `support@${domain}`, phone: account.place.phone, website: `https://www.${domain}` }, () => {});
    const program = account.program as EnrollmentProgram;
    await enrollment.putAttributes(ctx, {
      competencies: ['Cloud Platform', 'Modern Work'],
      skills: ['Azure', 'Microsoft 365'],
      servicesOffered: program === 'indirectProvider' ? ['technicalTraining', 'marketingHelp', 'financingAndCredit', 'customerSupport'] : [],
    });
    const location = await enrollment.addLocation(ctx, { country: account.country, address });
    await enrollment.associatePartnerId(ctx, location.partnerId);
    const started = await enrollment.startEnrollment(ctx, { program, ...(program === 'indirectProvider' ? { attestation: { billingCapability: true, supportCapability: true } } : {}) });
    await enrollment.submit(ctx, started.id);
    // The primary contact follows the link in the mail it received.
    const mail = await app.platform.mailer.latestTo(account.email, 'verifyEmail');
    const token = /token=([\w-]+)/.exec(mail?.text ?? '')![1]!;
    await enrollment.verifyEmail({ ...base }, token);
    if (account.stage === 'overdue') {
      await backdateReview(app, started.id, 8);
      continue;
    }
    if (account.stage === 'actionRequired') {
      await enrollment.decide(asOperator, started.id, { decision: 'requestInfo', reason: 'Please provide a company registration document that shows the address.' });
      continue;
    }
    await enrollment.decide(asOperator, started.id, { decision: 'approve' });
    if (account.stage === 'active' || account.stage === 'suspended') {
      await agreements.accept(ctx, templateId, { primaryContact: { firstName: 'Alex', lastName: 'Martin', email: account.email } });
    }
    if (account.stage === 'suspended') {
      // Partner suspension: found nowhere, signs nothing, transacts nothing until reinstated.
      await enrollment.suspendPartner(asOperator, created.tenant.id, { reason: 'Three invoices unpaid for more than 90 days.' });
    }
  }

  await seedRelationships(app, base);
  // Products, then their prices (PRC-1, PRC-2), then orders that freeze them (PRC-3). Last month's part is made
  // on an app instance whose clock is that month's first day (pricing's month in force, the charge lines' dates).
  const product = await seedProducts(app, asOperator);
  const began = lastMonthStart(new Date());
  const lastMonth = await appAt(app, began);
  try {
    await seedPricing(lastMonth, base, asOperator, began);
    await seedCommerce(app, base, product);
    await seedMarketplace(app, base, lastMonth);
    await seedLastMonthOrders(lastMonth, base);
  } finally {
    await lastMonth.close();
  }
  await seedBilling(app, asOperator, began);
  await seedSecondFactors(app, base);
  await seedIntegrations(app, base);
}

/**
 * EVT-1, EVT-2: Fabrikam's ERP as a webhook endpoint for its subscriptions and invoices, disabled until
 * someone points it at a receiver (the demo's events are in every tenant's change feed already).
 */
async function seedIntegrations(app: App, base: RequestContext) {
  const { identity, integrations } = app.services;
  const fabrikam = { ...base, actor: await identity.actorOf((await identity.findUserByEmail('admin@fabrikam-fr.example'))!.id) };
  const endpoint = await integrations.createEndpoint(fabrikam, {
    url: 'https://erp.fabrikam-fr.example/channel-center/webhooks',
    description: 'ERP (demo): point it at your receiver, then enable it',
    eventTypes: ['subscription-created', 'subscription-updated', 'order-created', 'invoice-ready'],
  });
  await integrations.updateEndpoint(fabrikam, endpoint.id, { status: 'disabled' });
}

/** BIL-1: the first day of the month before `now`'s (UTC, 09:00): when the demo program began. */
/**
 * ENR-6: an enrollment that has waited `businessDays` business days in review, as it would look had it
 * happened then: its whole story moves back together (created, submitted, e-mail verified, review started,
 * the expected date from that start, and its history's audit records), so its dates stay in order.
 */
async function backdateReview(app: App, enrollmentId: string, businessDays: number) {
  const holidays = await app.services.operator.holidaySet();
  const now = new Date();
  let startedAt = now;
  while (businessDaysBetween(startedAt, now, holidays) < businessDays) startedAt = new Date(startedAt.getTime() - 86_400_000);
  const shift = sql`(${(now.getTime() - startedAt.getTime()) / 1000}::float8 * interval '1 second')`;
  const { db } = app.platform;
  await db.execute(sql`update enrollments set created_at = created_at - ${shift}, submitted_at = submitted_at - ${shift}, email_verified_at = email_verified_at - ${shift},
    review_started_at = review_started_at - ${shift}, updated_at = updated_at - ${shift} where id = ${enrollmentId}`);
  const [row] = await query<{ review_started_at: Date | string }>(db, sql`select review_started_at from enrollments where id = ${enrollmentId}`);
  const expected = addBusinessDays(new Date(row!.review_started_at), reviewDays.latest, holidays);
  await db.execute(sql`update enrollments set expected_decision_by = ${expected}::date where id = ${enrollmentId}`);
  await db.execute(sql`update audit_records set at = at - ${shift} where resource_type = 'enrollment' and resource_id = ${enrollmentId}`);
}

function lastMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1, 9));
}

/**
 * The demo's app on the same database with its clock at `at`. Nothing listens, no worker runs, nothing is
 * served from it: built as in production (no response validation) and silent, which keeps it quick.
 */
function appAt(app: App, at: Date): Promise<App> {
  const config = { ...app.platform.config, production: true, logLevel: 'silent' };
  return buildApp(config, { database: app.platform.database, ownsDatabase: false, now: () => at });
}

/**
 * BIL-1: last month's purchase of the US customer, Northwind's through Tailspin: Contoso Cloud Backup for
 * 25 users, a year billed monthly (last month's period is on last month's documents, this month's accrues).
 * The French customer's last-month purchase is its SaaS subscription (seedMarketplace).
 */
async function seedLastMonthOrders(lastMonth: App, base: RequestContext) {
  const { identity, commerce, enrollment } = lastMonth.services;
  const northwind: RequestContext = { ...base, actor: await identity.actorOf((await identity.findUserByEmail('admin@northwind-us.example'))!.id) };
  const alpine = (await identity.findUserByEmail('admin@alpineskihouse.example'))!.tenantId;
  const tailspin = (await identity.findUserByEmail('admin@tailspin-cloud.example'))!.tenantId;
  const partnerId = (await enrollment.standing(tailspin, 'indirectReseller')).partnerId!;
  const backup = (await commerce.listProducts()).find((p) => p.name === 'Contoso Cloud Backup')!;
  const cart = await commerce.createCart(northwind, alpine, [{ catalogItemId: `${backup.id}:STD`, quantity: 25, termDuration: 'P1Y', billingCycle: 'monthly', resellerPartnerId: partnerId }]);
  await commerce.checkout(northwind, alpine, cart.id);
}

/**
 * BIL-1: the operator's tax rates for France and Germany, then last month closed by the month-end run as the
 * hourly billing.close job closes it early on the 1st: the operator's invoices to both providers, theirs to
 * their resellers, the resellers' statements to their customers, with their lines. This month's periods of
 * last month's subscriptions are charged as the term job charges them: accruing, unbilled.
 */
async function seedBilling(app: App, asOperator: RequestContext, began: Date) {
  const { billing, commerce, credit, identity } = app.services;
  await billing.setTaxRate(asOperator, 'FR', '20');
  await billing.setTaxRate(asOperator, 'DE', '19');
  const as = async (email: string): Promise<RequestContext> => ({ ...asOperator, actor: await identity.actorOf((await identity.findUserByEmail(email))!.id) });
  const fabrikam = await as('admin@fabrikam-fr.example');
  const northwind = await as('admin@northwind-us.example');
  const lumiere = await as('admin@lumiere-conseil.example');
  const tailspin = await as('admin@tailspin-cloud.example');
  // BIL-1: billing profiles (legal name, tax ID, address) of the providers and resellers, on the documents issued after them.
  for (const [ctx, legalName, taxId, address] of [
    [fabrikam, 'Fabrikam Distribution France SAS', 'FR40123456789', { addressLine1: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' }],
    [northwind, 'Northwind Distribution US, Inc.', 'US 12-3456789', { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' }],
    [lumiere, 'Lumière Conseil SARL', 'FR83987654321', { addressLine1: '5 quai Saint-Antoine', city: 'Lyon', postalCode: '69002', country: 'FR' }],
    [tailspin, 'Tailspin Cloud Services LLC', 'US 98-7654321', { addressLine1: '500 Pine Street', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US' }],
  ] as const) {
    await billing.setBillingProfile(ctx, { legalName, taxId, address, email: `billing@${ctx.actor!.email.split('@')[1]}` });
  }
  const period = periodOf(began);
  await billing.closeBillingPeriod(period, new Date(Math.min(Date.now(), period.end.getTime() + 30 * 60_000)));
  await commerce.runTermSweep();
  // BIL-4: credit terms between the tiers: Fabrikam gives Lumière Conseil 20,000 EUR on 30 days; Northwind
  // gives Tailspin 15,000 USD on 45 days; the operator gives Northwind 100,000 USD.
  const lumiereId = lumiere.actor!.tenantId;
  const tailspinId = tailspin.actor!.tenantId;
  await credit.setCreditTerms(fabrikam, lumiereId, { currency: 'EUR', creditLimit: '20000', paymentTermDays: 30, graceDays: 10 });
  await credit.setCreditTerms(northwind, tailspinId, { currency: 'USD', creditLimit: '15000', paymentTermDays: 45, graceDays: 5 });
  await credit.setCreditTerms(asOperator, northwind.actor!.tenantId, { currency: 'USD', creditLimit: '100000', paymentTermDays: 30, graceDays: 10 });
  // BIL-2, BIL-4: Lumière Conseil has paid part of last month's invoice from Fabrikam; Northwind credited Tailspin for a goodwill gesture.
  const received = async (ctx: RequestContext, from: string) => (await billing.listInvoices(ctx.actor!, { direction: 'received', size: 20 })).items.find((i) => i.issuerTenantId === from);
  const lumiereInvoice = await received(lumiere, fabrikam.actor!.tenantId);
  if (lumiereInvoice && lumiereInvoice.total > 100) {
    const half = Math.floor(lumiereInvoice.total / 2);
    await credit.recordPayment(fabrikam, lumiereInvoice.id, { amount: formatAmount(half, lumiereInvoice.currency), paidOn: new Date().toISOString().slice(0, 10), reference: 'VIR-LUMIERE-001' });
  }
  const tailspinInvoice = await received(tailspin, northwind.actor!.tenantId);
  if (tailspinInvoice) {
    const [first] = (await billing.listInvoiceLines(northwind.actor!, tailspinInvoice.id, { size: 1 })).items;
    if (first && first.amount >= 10) {
      const amount = formatAmount(Math.min(1_000, Math.floor(first.amount / 10)), tailspinInvoice.currency);
      await credit.issueCreditNote(northwind, tailspinInvoice.id, { reason: 'Goodwill: onboarding delay', lines: [{ lineNumber: first.lineNumber, amount }] });
    }
  }
}

/**
 * ACC-4: the program enforces MFA, so the demo's operator and partner admins have an authenticator
 * app whose secret is derived from a demo-only value: `npm run mfa-code -- <email>` prints its current
 * code. Adler IT Systeme's admin has none, to show enrolment being required right after sign-in; the
 * customers' users need none.
 */
export const demoWithoutSecondFactor = 'admin@adler-it.example';

export function demoTotpSecret(email: string): string {
  const bytes = createHmac('sha256', 'channel-center-demo-totp').update(email.toLowerCase()).digest().subarray(0, 20);
  return new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }).base32;
}

/** The demo users who sign in with a demo authenticator code. */
export function demoSecondFactorEmails(): string[] {
  return [...demoAccounts.filter((a) => a.program !== 'customer' && a.email !== demoWithoutSecondFactor).map((a) => a.email), 'agent@fabrikam-fr.example'];
}

async function seedSecondFactors(app: App, base: RequestContext) {
  const { identity, mfa } = app.services;
  for (const email of demoSecondFactorEmails()) {
    const user = await identity.findUserByEmail(email);
    if (user) await mfa.enrolTotpWithSecret({ ...base, actor: await identity.actorOf(user.id) }, demoTotpSecret(email));
  }
}

/**
 * MKP: a live SaaS offer for selected partners (one has resold it, last month: through `lastMonth`), a
 * container offer for all, a VM offer for none, a pending support request.
 */
async function seedMarketplace(app: App, base: RequestContext, lastMonth: App) {
  const { identity, marketplace, commerce, enrollment } = app.services;
  const as = async (email: string): Promise<RequestContext> => {
    const user = await identity.findUserByEmail(email);
    return { ...base, actor: await identity.actorOf(user!.id) };
  };
  const proseware = await as('admin@proseware.example');
  const listing = (summary: string) => ({
    summary,
    description: `${summary}. Built by Proseware for small and medium businesses.`,
    supportContact: { email: 'support@proseware.example', phone: '+1 425 555 0150', url: 'https://proseware.example/support' },
    cspMaterials: { salesMaterialsUrl: 'https://proseware.example/partners/sales-kit', channelContact: { name: 'Proseware Channel Team', email: 'channel@proseware.example', phone: '+1 425 555 0151' } },
  });
  const plan = (licenseModel: 'payg' | 'byol'): PlanBody => ({
    planId: 'standard',
    name: 'Standard',
    licenseModel,
    termDurations: ['P1M', 'P1Y'],
    billingCycles: ['monthly', 'annual'],
    prices: [{ currency: 'EUR', unitPrice: 12 }, { currency: 'USD', unitPrice: 13 }],
    markets: ['FR', 'DE', 'US', 'BE', 'NL'],
  });
  const create = async (type: 'saas' | 'container' | 'virtualMachine', name: string, licenseModel: 'payg' | 'byol') => {
    const offer = await marketplace.createOffer(proseware, { type, name });
    await marketplace.putPlans(proseware, offer.id, [plan(licenseModel)], () => {});
    await marketplace.putListing(proseware, offer.id, listing(name), () => {});
    return offer.id;
  };
  const saas = await create('saas', 'Proseware Field Service', 'payg');
  const tenantOf = async (email: string) => (await identity.findUserByEmail(email))!.tenantId;
  await marketplace.putAudience(proseware, saas, { mode: 'selected', partnerTenantIds: [await tenantOf('admin@lumiere-conseil.example'), await tenantOf('admin@adler-it.example')] }, () => {});
  await marketplace.publish(proseware, saas);
  await marketplace.publish(proseware, await create('container', 'Proseware Analytics Container', 'byol'));
  await marketplace.publish(proseware, await create('virtualMachine', 'Proseware Secure Gateway VM', 'payg'));

  // Lumière Conseil resold the SaaS offer to Boulangerie Dupont through Fabrikam last month.
  const fabrikam = await as('admin@fabrikam-fr.example');
  const customer = await tenantOf('admin@boulangerie-dupont.example');
  const partnerId = (await enrollment.standing(await tenantOf('admin@lumiere-conseil.example'), 'indirectReseller')).partnerId!;
  const cart = await lastMonth.services.commerce.createCart(fabrikam, customer, [{ catalogItemId: `${saas}:standard`, quantity: 3, termDuration: 'P1Y', billingCycle: 'annual', resellerPartnerId: partnerId }]);
  await lastMonth.services.commerce.checkout(fabrikam, customer, cart.id);

  await marketplace.openSupportRequest(proseware, {
    productVersion: 'Live offer management',
    category: { offerId: saas },
    problemType: 'Update existing offer',
    title: 'De-authorize CSP',
    details: 'Please remove Adler IT Systeme from the CSP audience of Proseware Field Service.',
    requestedChange: { removePartnerTenantIds: [await tenantOf('admin@adler-it.example')] },
  });
}

/** ORD-1: the operator's products (their SKU prices are the catalog's; the price lists price them per term and cycle). */
async function seedProducts(app: App, asOperator: RequestContext) {
  const product = await app.services.commerce.saveProduct(asOperator, {
    name: 'Contoso 365',
    description: 'Mail, documents, meetings and device management for businesses.',
    skus: [
      { skuId: 'BASIC', name: 'Business Basic', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 5.6 }, { currency: 'USD', unitPrice: 6 }] },
      { skuId: 'PREMIUM', name: 'Business Premium', termDurations: ['P1Y', 'P3Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 20.6 }, { currency: 'USD', unitPrice: 22 }] },
    ],
    markets: ['FR', 'DE', 'US', 'BE', 'ES', 'IT', 'NL'],
  });
  await app.services.commerce.saveProduct(asOperator, {
    name: 'Contoso Cloud Backup',
    description: 'Backup for mailboxes and files.',
    skus: [{ skuId: 'STD', name: 'Standard', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly'], prices: [{ currency: 'EUR', unitPrice: 2.5 }, { currency: 'USD', unitPrice: 3 }] }],
    markets: ['FR', 'DE', 'US'],
  });
  return product;
}

/** CUS, ORD: customers of a reseller and its provider, subscriptions in several states, licenses. */
async function seedCommerce(app: App, base: RequestContext, product: { id: string }) {
  const { identity, customers, commerce, relationships, groups } = app.services;
  const as = async (email: string): Promise<RequestContext> => {
    const user = await identity.findUserByEmail(email);
    return { ...base, actor: await identity.actorOf(user!.id) };
  };
  // ACC-3: delegated-admin roles reach a reseller's people only through access assignments of its
  // security groups: its "Admin agents" group (its global admin) gets every role the customer approved.
  const assignAdminAgents = async (reseller: RequestContext, customerTenantId: string) => {
    const { tenantId, userId } = reseller.actor!;
    const existing = (await groups.listGroups(reseller.actor!, tenantId)).items.find((g) => g.name === 'Admin agents');
    const group = existing ?? (await groups.createGroup(reseller, tenantId, { name: 'Admin agents', description: 'Act in our customers’ tenants on their behalf' }));
    await groups.putMember(reseller, tenantId, group.id, { type: 'user', userId });
    for (const dar of await customers.listDelegatedAdmin(reseller.actor!, customerTenantId)) {
      if (dar.status === 'active') await customers.createAccessAssignment(reseller, dar.id, { securityGroupId: group.id, roles: dar.roles as DelegatedAdminRole[] });
    }
  };
  // The French customer accepts an invitation from Lumière Conseil with Fabrikam, granting delegated admin.
  const lumiere = await as('admin@lumiere-conseil.example');
  const [fabrikamRelationship] = (await relationships.listRelationships(lumiere.actor!, { size: 10 })).items;
  const invitation = await customers.createInvitation(lumiere, {
    type: 'resellerAndProvider',
    providerRelationshipId: fabrikamRelationship!.id,
    delegatedAdmin: { roles: ['userAdministrator', 'licenseAdministrator'], durationDays: 365, autoExtend: true },
  });
  const boulangerie = await as('admin@boulangerie-dupont.example');
  await customers.acceptInvitation(boulangerie, invitation.link!.slice(invitation.link!.lastIndexOf('/') + 1), { confirm: true });
  await assignAdminAgents(lumiere, boulangerie.actor!.tenantId);

  // The US customer: Tailspin with Northwind; its delegated admin ends in three days.
  const tailspin = await as('admin@tailspin-cloud.example');
  const [northwindRelationship] = (await relationships.listRelationships(tailspin.actor!, { size: 10 })).items;
  const usInvitation = await customers.createInvitation(tailspin, {
    type: 'resellerAndProvider',
    providerRelationshipId: northwindRelationship!.id,
    delegatedAdmin: { roles: ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator'], durationDays: 3, autoExtend: false },
  });
  const alpine = await as('admin@alpineskihouse.example');
  await customers.acceptInvitation(alpine, usInvitation.link!.slice(usInvitation.link!.lastIndexOf('/') + 1), { confirm: true });
  await assignAdminAgents(tailspin, alpine.actor!.tenantId);

  // A pending invitation for a customer that has not answered yet.
  await customers.createInvitation(lumiere, { type: 'resellerOnly', email: 'it@hotel-des-arts.example', locale: 'fr' });

  // Orders placed by the providers' admin agents, subscriptions in several states, licenses.
  const placeOrder = async (providerEmail: string, customerEmail: string, resellerEmail: string, lines: { sku: string; quantity: number; term: string; cycle: string }[]) => {
    const provider = await as(providerEmail);
    const customer = (await identity.findUserByEmail(customerEmail))!;
    const reseller = (await identity.findUserByEmail(resellerEmail))!;
    const partnerId = (await app.services.enrollment.standing(reseller.tenantId, 'indirectReseller')).partnerId!;
    const cart = await commerce.createCart(
      provider,
      customer.tenantId,
      lines.map((l) => ({ catalogItemId: `${product.id}:${l.sku}`, quantity: l.quantity, termDuration: l.term, billingCycle: l.cycle, resellerPartnerId: partnerId })),
    );
    const result = await commerce.checkout(provider, customer.tenantId, cart.id);
    return { provider, customer, subscriptions: result.orders.flatMap((o) => o.lineItems.map((l) => l.subscriptionId)) };
  };
  const fr = await placeOrder('admin@fabrikam-fr.example', 'admin@boulangerie-dupont.example', 'admin@lumiere-conseil.example', [
    { sku: 'PREMIUM', quantity: 10, term: 'P1Y', cycle: 'annual' },
    { sku: 'BASIC', quantity: 5, term: 'P1M', cycle: 'monthly' },
  ]);
  const us = await placeOrder('admin@northwind-us.example', 'admin@alpineskihouse.example', 'admin@tailspin-cloud.example', [
    { sku: 'PREMIUM', quantity: 25, term: 'P1Y', cycle: 'monthly' },
    { sku: 'BASIC', quantity: 8, term: 'P1M', cycle: 'monthly' },
  ]);
  await commerce.updateSubscription(us.provider, us.customer.tenantId, us.subscriptions[1]!, { status: 'suspended' });
  // The term lifecycle (TRM-1 … TRM-6): seats added (charged pro rata, refundable for 168 hours) and one
  // removed inside its window (refunded), a next-term change scheduled, a term that will not renew.
  await commerce.updateSubscription(fr.provider, fr.customer.tenantId, fr.subscriptions[0]!, { quantity: 12 });
  await commerce.updateSubscription(fr.provider, fr.customer.tenantId, fr.subscriptions[1]!, { quantity: 4, autoRenewEnabled: false });
  await commerce.scheduleNextTerm(us.provider, us.customer.tenantId, us.subscriptions[0]!, { quantity: 20, billingCycle: 'annual' });

  // Users of the French customer with licenses on Business Premium.
  const boulangerieCtx = await as('admin@boulangerie-dupont.example');
  // A customer's users need no role (plain members); Paul also administers its licenses.
  for (const [name, email, roles] of [
    ['Marie Dupont', 'marie@boulangerie-dupont.example', []],
    ['Paul Lefèvre', 'paul@boulangerie-dupont.example', ['licenseAdministrator']],
  ] as const) {
    const added = await identity.addUser(boulangerieCtx, fr.customer.tenantId, { displayName: name, email, roles: [...roles], password: demoPassword });
    await commerce.assignLicense(boulangerieCtx, fr.customer.tenantId, added.user.id, fr.subscriptions[0]!);
  }
  await commerce.assignLicense(boulangerieCtx, fr.customer.tenantId, fr.customer.id, fr.subscriptions[0]!);
}

/**
 * PRC-1, PRC-2: the published price list of the month of `at` (the program's first, in force since; `app`'s
 * clock is then) and next month's draft for the operator's products (prices per user per month; a monthly
 * term costs a fifth more; the providers' cost is a fifth below list), Fabrikam's price for all its
 * resellers and a discount for Adler IT, Northwind's for its resellers, and Lumière Conseil's price for
 * its customers, in force from that month; the program's partner discount of 20 % on SaaS marketplace
 * plans (the provider's cost of a SaaS plan is its publisher's price less a fifth).
 */
async function seedPricing(app: App, base: RequestContext, asOperator: RequestContext, at: Date) {
  const { identity, pricing, commerce } = app.services;
  const as = async (email: string): Promise<RequestContext> => ({ ...base, actor: await identity.actorOf((await identity.findUserByEmail(email))!.id) });
  const month = monthOf(at);
  const entries: PriceListEntryBody[] = [];
  const products = await commerce.listProducts();
  for (const product of products) {
    for (const sku of product.skus) {
      for (const termDuration of sku.termDurations) {
        for (const billingCycle of sku.billingCycles) {
          if (!billingCycleAllowedForTerm(termDuration, billingCycle)) continue;
          for (const { currency, unitPrice } of sku.prices) {
            const list = adjustByBasisPoints(Math.round(unitPrice * 10 ** exponentOf(currency)), termDuration === 'P1M' ? 2000 : 0);
            const entry = { productId: product.id, skuId: sku.skuId, termDuration: termDuration as PriceListEntryBody['termDuration'], billingCycle: billingCycle as PriceListEntryBody['billingCycle'], currency };
            entries.push({ ...entry, listPrice: formatAmount(list, currency), unitPrice: formatAmount(adjustByBasisPoints(list, -2000), currency) });
          }
        }
      }
    }
  }
  const current = await pricing.createPriceList(asOperator, month);
  await pricing.setPriceListEntries(asOperator, current.id, entries);
  await pricing.publishPriceList(asOperator, current.id);
  // Next month's draft: a copy of the list in force, with Business Premium dearer in euros.
  const draft = await pricing.createPriceList(asOperator, nextMonth(monthOf(new Date())));
  const suite = products.find((p) => p.name === 'Contoso 365')!;
  const premium = entries.filter((e) => e.productId === suite.id && e.skuId === 'PREMIUM' && e.currency === 'EUR');
  await pricing.setPriceListEntries(asOperator, draft.id, premium.map((e) => ({ ...e, listPrice: '21.40', unitPrice: '17.12' })));

  const fabrikam = await as('admin@fabrikam-fr.example');
  const adler = (await identity.findUserByEmail('admin@adler-it.example'))!.tenantId;
  await pricing.createRepricingConfig(fabrikam, { tier: 'reseller', basis: 'cost', percent: '8', effectiveMonth: month });
  await pricing.createRepricingConfig(fabrikam, { tier: 'reseller', buyerTenantId: adler, productId: suite.id, basis: 'list', percent: '-12.5', effectiveMonth: month });
  await pricing.createRepricingConfig(await as('admin@northwind-us.example'), { tier: 'reseller', basis: 'cost', percent: '10', effectiveMonth: month });
  await pricing.createRepricingConfig(await as('admin@lumiere-conseil.example'), { tier: 'customer', basis: 'list', percent: '-5', effectiveMonth: month });
  await pricing.setPartnerDiscount(asOperator, 'saas', '20');
}

/** REL: the French provider works with the French and German resellers, the US provider with the US reseller; one invitation pending, one expired. */
async function seedRelationships(app: App, base: RequestContext) {
  const { identity, relationships } = app.services;
  const as = async (email: string): Promise<RequestContext> => {
    const user = await identity.findUserByEmail(email);
    return { ...base, actor: await identity.actorOf(user!.id) };
  };
  const connect = async (providerEmail: string, resellerEmail: string) => {
    const invitation = await relationships.createInvitation(await as(providerEmail), {});
    const token = invitation.link!.slice(invitation.link!.lastIndexOf('/') + 1);
    await relationships.authorizeIndirectProvider(await as(resellerEmail), token, { confirm: true });
  };
  await connect('admin@fabrikam-fr.example', 'admin@lumiere-conseil.example');
  await connect('admin@fabrikam-fr.example', 'admin@adler-it.example');
  await connect('admin@northwind-us.example', 'admin@tailspin-cloud.example');
  // REL-4: the French provider's admin agent adds a helpdesk agent to Lumière Conseil through its admin
  // access; Lumière's user list shows who created it, and that user can never become a global admin.
  const fabrikam = await as('admin@fabrikam-fr.example');
  const agent = await identity.addUser(fabrikam, fabrikam.actor!.tenantId, { displayName: 'Camille Agent', email: 'agent@fabrikam-fr.example', roles: ['adminAgent'], password: demoPassword });
  const asAgent: RequestContext = { ...base, actor: await identity.actorOf(agent.user.id) };
  const lumiere = (await identity.findUserByEmail('admin@lumiere-conseil.example'))!.tenantId;
  await identity.addUser(asAgent, lumiere, { displayName: 'Hugo Support (Fabrikam)', email: 'support-fabrikam@lumiere-conseil.example', roles: ['helpdeskAgent'], password: demoPassword }, {
    adminAccess: await relationships.hasAdminAccess(fabrikam.actor!.tenantId, lumiere),
    delegatedRoles: [],
    related: true,
  });
  await relationships.createInvitation(await as('admin@fabrikam-fr.example'), { email: 'admin@coho-systemhaus.example', locale: 'en' });
  const expired = await relationships.createInvitation(await as('admin@northwind-us.example'), { email: 'admin@litware-solutions.example', locale: 'en' });
  // Shown as it looks a month later: the invitation's 30 days have passed.
  await app.platform.db.execute(sql`update reseller_invitations set expires_at = now() - interval '1 day', created_at = now() - interval '31 days' where id = ${expired.id}`);
}

/** The demo accounts present in this database (printed at start). */
export async function demoSignIns(app: App): Promise<DemoAccount[]> {
  const present = new Set(await app.services.identity.existingEmails(demoAccounts.map((a) => a.email)));
  return demoAccounts.filter((a) => present.has(a.email.toLowerCase()));
}
