// `serve` on a fresh data folder: migrates the embedded database, creates the operator from
// OPERATOR_EMAIL, seeds the demo program, prints the URL and the demo sign-ins, and serves them.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAccounts, demoPassword, demoSecondFactorEmails, demoTotpSecret, demoWithoutSecondFactor } from '../src/demo.js';
import { projectRoot } from '../src/paths.js';
import { Client } from './helpers/client.js';
import { rememberFactor } from './helpers/mfa.js';

describe('starting on a fresh data folder', () => {
  it('serves the demo program and the operator, and prints how to sign in', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn', OPERATOR_EMAIL: 'ops@program.example', OPERATOR_PASSWORD: 'Operator-Password-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /ready on (http:\/\/localhost:\d+)/.exec(output);
          if (match && output.includes(demoAccounts.at(-1)!.email + ' ')) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 100);
        child.on('exit', (code) => {
          clearInterval(timer);
          reject(new Error(`exited with ${code}: ${output}`));
        });
      });
      expect(output).toContain(`password for all: ${demoPassword}`);
      // The operator came from OPERATOR_EMAIL, so the demo's own operator account was not needed.
      for (const account of demoAccounts) expect(output.includes(account.email), account.email).toBe(account.program !== 'operator');
      expect(output).toContain('Created the operator tenant with admin ops@program.example');

      // ACC-4: the demo's admins sign in with the codes `npm run mfa-code` prints; Adler's admin enrols first.
      expect(output).toContain('npm run mfa-code -- <email>');
      for (const email of demoSecondFactorEmails()) rememberFactor(url, email, demoTotpSecret(email));
      const adler = await new Client(url).request<{ mfa: { enrolmentRequired: boolean } }>('POST', '/v1/auth/sessions', { body: { email: demoWithoutSecondFactor, password: demoPassword } });
      expect([adler.status, adler.body.mfa.enrolmentRequired]).toEqual([201, true]);
      const client = new Client(url);
      expect((await client.get('/readyz')).body).toEqual({ status: 'ready', database: 'pglite' });
      // The portal: index.html never cached; its scripts sent compressed as the browser accepts, cached for good.
      const index = await fetch(`${url}/customers`);
      expect([index.status, index.headers.get('cache-control')]).toEqual([200, 'no-cache']);
      const entry = /<script[^>]*src="([^"]+\.js)"/.exec(await index.text())![1]!;
      const raw = await fetch(`${url}${entry}`, { headers: { 'accept-encoding': 'identity' } });
      const rawBody = await raw.arrayBuffer();
      for (const encoding of ['br', 'gzip']) {
        const compressed = await fetch(`${url}${entry}`, { headers: { 'accept-encoding': encoding } });
        expect([compressed.status, compressed.headers.get('content-encoding'), compressed.headers.get('cache-control')], encoding).toEqual([200, encoding, 'public, max-age=31536000, immutable']);
        // fetch decodes it: the same script as the uncompressed answer.
        expect(Buffer.from(await compressed.arrayBuffer()).equals(Buffer.from(rawBody)), encoding).toBe(true);
        expect(Number(compressed.headers.get('content-length') ?? Infinity)).toBeLessThan(rawBody.byteLength / 2);
      }
      const provider = demoAccounts.find((a) => a.program === 'indirectProvider')!;
      const challenged = await new Client(url).request<{ mfaRequired: boolean; methods: string[] }>('POST', '/v1/auth/sessions', { body: { email: provider.email, password: demoPassword } });
      expect(challenged.body).toMatchObject({ mfaRequired: true, methods: ['totp', 'recoveryCode'] });
      expect((await client.signIn(provider.email, demoPassword)).status).toBe(201);
      const me = await client.get('/v1/me');
      expect(me.body.memberships).toEqual([{ program: 'indirectProvider', status: 'active' }]);
      const operator = new Client(url);
      expect((await operator.signIn('ops@program.example', 'Operator-Password-1')).status).toBe(201);
      expect((await operator.get('/v1/me')).body.memberships).toEqual([{ program: 'operator', status: 'active' }]);
      // the demo's enrollments in every state
      const overdue = await operator.get('/v1/operator/enrollments?overdue=true');
      expect(overdue.body.items.map((i: { organizationName: string }) => i.organizationName)).toEqual(['Wingtip Partenaires']);
      // ENR-6: its dates tell one story: submitted, then in review for eight business days, past the expected date.
      const [late] = overdue.body.items;
      expect(Date.parse(late!.submittedAt!)).toBeLessThanOrEqual(Date.parse(late!.reviewStartedAt!));
      expect(late!.ageBusinessDays).toBe(8);
      expect(late!.expectedDecisionBy! < late!.reviewStartedAt!.slice(0, 10)).toBe(false);
      expect(late!.expectedDecisionBy! < new Date().toISOString().slice(0, 10)).toBe(true);
      const statuses = (await operator.get('/v1/operator/enrollments?size=100')).body.items.map((i: { status: string }) => i.status);
      expect(new Set(statuses)).toEqual(new Set(['active', 'inReview', 'actionRequired', 'verified', 'suspended']));
      expect((await client.get('/v1/profiles/program-information')).body.programs).toEqual([
        expect.objectContaining({ program: 'indirectProvider', status: 'active', agreementVersion: '2026-01' }),
      ]);
      // the demo's relationships: Fabrikam (FR) with Lumière (FR) and Adler (DE); one pending, one expired invitation
      const fabrikam = new Client(url);
      await fabrikam.signIn('admin@fabrikam-fr.example', demoPassword);
      const resellers = (await fabrikam.get('/v1/relationships')).body.items.map((r: { name: string }) => r.name).sort();
      expect(resellers).toEqual(['Adler IT Systeme', 'Lumière Conseil']);
      expect((await fabrikam.get('/v1/reseller-invitations?status=pending')).body.totalCount).toBe(1);
      const northwind = new Client(url);
      await northwind.signIn('admin@northwind-us.example', demoPassword);
      expect((await northwind.get('/v1/reseller-invitations?status=expired')).body.totalCount).toBe(1);
      expect((await northwind.get('/v1/relationships')).body.items.map((r: { name: string }) => r.name)).toEqual(['Tailspin Cloud Services']);
      // the demo's customers and subscriptions
      const customers = (await fabrikam.get('/v1/customers')).body.items;
      expect(customers.map((c: { companyName: string }) => c.companyName)).toEqual(['Boulangerie Dupont']);
      const subscriptions = (await fabrikam.get(`/v1/customers/${customers[0].id}/subscriptions`)).body.items;
      // Contoso 365 (2: seats added to one, one refunded inside its window on the other) and the Proseware SaaS offer
      expect(subscriptions.map((s: { assignedLicenses: number; quantity: number }) => [s.quantity, s.assignedLicenses]).sort()).toEqual([[12, 3], [3, 0], [4, 0]]);
      const premium = subscriptions.find((s: { quantity: number }) => s.quantity === 12)!;
      expect(premium.refundableQuantities.map((w: { quantity: number }) => w.quantity)).toEqual([10, 2]);
      const premiumCharges = (await fabrikam.get(`/v1/customers/${customers[0].id}/subscriptions/${premium.id}/charges`)).body.items;
      expect(premiumCharges.map((l: { chargeType: string }) => l.chargeType)).toEqual(['purchase', 'seatIncrease']);
      const alpine = new Client(url);
      await alpine.signIn('admin@alpineskihouse.example', demoPassword);
      const partners = (await alpine.get('/v1/partner-relationships')).body.items;
      expect(partners.map((p: { name: string }) => p.name).sort()).toEqual(['Northwind Distribution US', 'Tailspin Cloud Services']);
      // the demo's marketplace: the SaaS offer resold by Lumière, a pending support request
      const lumiere = new Client(url);
      await lumiere.signIn('admin@lumiere-conseil.example', demoPassword);
      // REL-4: a user Fabrikam's admin agent created in Lumière's tenant, marked with its creator
      const made = (await lumiere.get('/v1/users?size=100')).body.items.find((u: { email: string }) => u.email === 'support-fabrikam@lumiere-conseil.example');
      expect(made).toMatchObject({ roles: ['helpdeskAgent'], createdByTenantName: 'Fabrikam Distribution France' });
      expect((await lumiere.get('/v1/csp/offers')).body.items.map((o: { name: string }) => o.name).sort()).toEqual(['Proseware Analytics Container', 'Proseware Field Service']);
      // the demo's billing (BIL-1 … BIL-4): last month closed at every tier, this month accruing, credit, a payment, a credit note
      const lumiereInvoice = (await lumiere.get('/v1/invoices')).body.items.find((i: { issuer: { name: string } }) => i.issuer.name === 'Fabrikam Distribution France');
      expect(lumiereInvoice).toMatchObject({ kind: 'invoice', tier: 'reseller', recipient: { billingProfile: { taxId: 'FR83987654321' } } });
      expect(Number(lumiereInvoice?.amountPaid)).toBeGreaterThan(0);
      expect((await lumiere.get('/v1/invoices?direction=issued')).body.items.map((i: { kind: string }) => i.kind)).toContain('statement');
      expect((await fabrikam.get('/v1/credit-terms')).body.items.map((c: { buyer: { name: string }; creditLimit: string | null }) => [c.buyer.name, c.creditLimit])).toEqual([['Lumière Conseil', '20000.00']]);
      expect((await fabrikam.get('/v1/unbilled-charges?direction=issued')).body.totalCount).toBeGreaterThan(0);
      expect((await fabrikam.get('/v1/invoices')).body.items.map((i: { tier: string }) => i.tier)).toContain('provider');
      // the demo's integrations (EVT-1, EVT-2): Fabrikam's change feed and its (disabled) ERP endpoint
      expect((await fabrikam.get('/v1/events?types=subscription-created')).body.items.length).toBeGreaterThan(0);
      expect((await fabrikam.get('/v1/webhook-endpoints')).body.items.map((e: { status: string; eventTypes: string[] }) => [e.status, e.eventTypes.length])).toEqual([['disabled', 4]]);
      const tailspin = new Client(url);
      await tailspin.signIn('admin@tailspin-cloud.example', demoPassword);
      expect((await tailspin.get('/v1/invoices')).body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['creditNote', 'invoice']);
      const ops = (await operator.get('/v1/operator/support-requests?status=open')).body.items;
      expect(ops.map((r: { title: string }) => r.title)).toEqual(['De-authorize CSP']);
      const agreements = (await client.get('/v1/agreements?type=partnerAgreement')).body.items;
      expect(agreements[0]).toMatchObject({ current: true, languages: ['en', 'fr', 'id', 'zh-Hans', 'zh-Hant'] });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
