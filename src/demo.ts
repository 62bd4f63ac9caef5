// The demo program: created through the services (never raw inserts) into an empty database on
// first start with DEMO=1. Each workflow adds its part here.
import { sql } from 'drizzle-orm';
import type { App } from './app.js';
import { query } from './db/index.js';
import type { RequestContext } from './platform/audit.js';
import type { Program } from './modules/identity/service.js';

export const demoPassword = 'Demo-Password-2026';

export interface DemoAccount {
  organization: string;
  country: string;
  program: Program;
  email: string;
}

export const demoAccounts: DemoAccount[] = [
  { organization: 'Contoso Operator', country: 'US', program: 'operator', email: 'operator@contoso-operator.example' },
  { organization: 'Fabrikam Distribution France', country: 'FR', program: 'indirectProvider', email: 'admin@fabrikam-fr.example' },
  { organization: 'Northwind Distribution US', country: 'US', program: 'indirectProvider', email: 'admin@northwind-us.example' },
  { organization: 'Lumière Conseil', country: 'FR', program: 'indirectReseller', email: 'admin@lumiere-conseil.example' },
  { organization: 'Adler IT Systeme', country: 'DE', program: 'indirectReseller', email: 'admin@adler-it.example' },
  { organization: 'Tailspin Cloud Services', country: 'US', program: 'indirectReseller', email: 'admin@tailspin-cloud.example' },
  { organization: 'Proseware Software', country: 'US', program: 'publisher', email: 'admin@proseware.example' },
  { organization: 'Boulangerie Dupont', country: 'FR', program: 'customer', email: 'admin@boulangerie-dupont.example' },
  { organization: 'Alpine Ski House', country: 'US', program: 'customer', email: 'admin@alpineskihouse.example' },
];

/** True when the database holds no tenant yet (the demo is seeded only then). */
export async function isEmpty(app: App): Promise<boolean> {
  const rows = await query<{ n: number }>(app.platform.db, sql`select count(*)::int as n from tenants`);
  return Number(rows[0]?.n ?? 0) === 0;
}

export async function seedDemo(app: App): Promise<void> {
  const ctx: RequestContext = { requestId: 'demo-seed', locale: 'en' };
  const { identity } = app.services;
  for (const account of demoAccounts) {
    const admin = { displayName: `${account.organization} Admin`, email: account.email, password: demoPassword, language: account.country === 'FR' ? ('fr' as const) : ('en' as const) };
    if (account.program === 'operator') {
      // The program has one operator: the one from OPERATOR_EMAIL when it was set, else the demo's.
      await identity.ensureOperator(ctx, { email: account.email, password: demoPassword, name: account.organization, country: account.country });
      continue;
    }
    await identity.createTenant(ctx, { organizationName: account.organization, country: account.country, admin }, [{ program: account.program, status: 'active' }]);
  }
}

/** The demo accounts present in this database (printed at start). */
export async function demoSignIns(app: App): Promise<DemoAccount[]> {
  const present = new Set(await app.services.identity.existingEmails(demoAccounts.map((a) => a.email)));
  return demoAccounts.filter((a) => present.has(a.email.toLowerCase()));
}
