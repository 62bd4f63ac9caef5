// Webhooks and the change feed in a real browser (EVT-1, EVT-2): a partner's global admin finds them under
// Integrations, adds an endpoint pointing at a receiver on loopback (the URL checked by the form and by
// the server), sees its signing secret once, edits it, sends a test event that arrives signed, reads the
// delivery and its attempts in the log, redelivers it and a time range (the server's range error shown
// at its field), rotates the secret, disables the endpoint, reads the event in the change feed, switches
// the portal to French, and deletes the endpoint.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/client.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** `datetime-local` text of an instant (the browser runs in UTC). */
const localInput = (date: Date) => date.toISOString().slice(0, 16);

describe.skipIf(skip)('webhooks in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  const received: Received[] = [];
  let receiver: Server | undefined;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/channel-center`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  const testName = 'webhooks: add an endpoint, the secret shown once, a signed test event delivered and logged with its attempts, redelivery, rotation, disabling, the change feed, French, deletion';
  it(testName, async () => {
    const { page } = portal.browser;
    await portal.browser.runTest(testName, async () => {
      const { url, target } = portal.server;
      const drain = () => target.app.platform.jobs.drain();
      const admin = await signUp(target, { organizationName: 'Fabrikam Integrations', language: 'en' });
      await portal.browser.signIn(admin.email, admin.password);

      // Webhooks and Events stand under Integrations.
      await page.getByTestId('nav-integrations').getByText('Integrations', { exact: true }).waitFor();
      await page.getByTestId('nav-events').waitFor();
      await page.getByTestId('nav-webhooks').click();
      await page.getByTestId('webhooks-page').waitFor();
      await page.getByTestId('endpoints-empty').waitFor();

      // Adding: the URL is required; the server's field error is shown at the field.
      await page.getByTestId('add-endpoint').click();
      const dialog = page.getByTestId('endpoint-dialog');
      await dialog.waitFor();
      await page.getByTestId('endpoint-event-webhook-test').waitFor();
      await dialog.getByText('A test event sent to one endpoint on request.').waitFor();
      await page.getByTestId('endpoint-dialog-submit').click();
      await dialog.getByText('This field is required.').waitFor();
      await page.getByTestId('endpoint-url').fill('http://user:secret@127.0.0.1/hook');
      await page.getByTestId('endpoint-dialog-submit').click();
      await dialog.getByText('without credentials', { exact: false }).waitFor();

      // A valid URL, a description and two events; the signing secret is shown this once.
      await page.getByTestId('endpoint-url').fill(receiverUrl);
      await page.getByTestId('endpoint-description').fill('ERP sync');
      await page.getByTestId('endpoint-event-subscription-created').check();
      await page.getByTestId('endpoint-event-order-created').check();
      await page.getByTestId('endpoint-dialog-submit').click();
      const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      expect(await page.getByTestId('webhook-secret-once').textContent()).toContain('will not be shown again');
      await page.getByTestId('webhook-secret-copy').waitFor();
      await page.getByTestId('endpoint-dialog-done').click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.locator(`[data-url="${receiverUrl}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('subscription-created, order-created');
      expect(await row.getByTestId('endpoint-status').textContent()).toBe('Active');
      expect(await page.content()).not.toContain(secret);

      // Editing: the description and the events (none: every event).
      await row.getByTestId('endpoint-edit').click();
      await dialog.waitFor();
      await page.getByTestId('endpoint-description').fill('ERP sync (all events)');
      await page.getByTestId('endpoint-event-subscription-created').uncheck();
      await page.getByTestId('endpoint-event-order-created').uncheck();
      await page.getByTestId('endpoint-dialog-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('ERP sync (all events)').waitFor();
      await row.getByText('All events', { exact: true }).waitFor();

      // The endpoint's own page, at the address the disabled-endpoint mail links to.
      await row.getByTestId('endpoint-open').click();
      await page.getByTestId('endpoint-facts').waitFor();
      const endpointId = new URL(page.url()).pathname.split('/').pop()!;
      expect(new URL(page.url()).pathname).toBe(`/integrations/webhooks/${endpointId}`);
      expect(await page.getByTestId('endpoint-fact-url').textContent()).toBe(receiverUrl);
      await page.getByTestId('deliveries-empty').waitFor();

      // A test event: queued, delivered by the job worker, signed with the secret, logged as succeeded with the answer.
      await page.getByTestId('send-test-event').click();
      await page.getByTestId('test-event-sent').waitFor();
      await page.locator('[data-event="webhook-test"]').first().waitFor();
      await drain();
      expect(received).toHaveLength(1);
      const delivered = received[0]!;
      const payload = new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as { type: string; data: { resourceId: string } };
      expect(payload).toMatchObject({ type: 'webhook-test', data: { resourceId: endpointId } });
      const succeeded = page.locator('[data-event="webhook-test"][data-status="succeeded"]');
      await succeeded.first().waitFor();
      expect(await succeeded.first().getAttribute('data-status-code')).toBe('200');
      expect(await succeeded.first().getByTestId('delivery-last-answer').textContent()).toBe('200');
      expect(await succeeded.first().getByTestId('delivery-status').textContent()).toBe('Succeeded');

      // Its attempts (time, answer code, duration, the answer) and its payload.
      const deliveryId = (await succeeded.first().getAttribute('data-delivery'))!;
      await succeeded.first().getByTestId('delivery-expand').click();
      const details = page.getByTestId(`delivery-details-${deliveryId}`);
      await details.getByTestId('attempts-table').waitFor();
      const attempt = details.getByTestId('attempt-row');
      expect(await attempt.count()).toBe(1);
      expect(await attempt.getByTestId('attempt-status-code').textContent()).toBe('200');
      expect(await attempt.getByTestId('attempt-duration').textContent()).toMatch(/^\d[\d,]* ms$/);
      expect(await attempt.getByTestId('attempt-response').textContent()).toContain('"received": true');
      expect(await details.getByTestId('delivery-payload').textContent()).toContain('"type": "webhook-test"');

      // Redelivering it: a new delivery with the same webhook-id.
      await succeeded.first().getByTestId('delivery-redeliver').click();
      await page.getByTestId('redelivery-queued').waitFor();
      await drain();
      await expect.poll(() => succeeded.count(), { timeout: 15_000 }).toBe(2);
      expect(received).toHaveLength(2);
      expect(received[1]!.headers['webhook-id']).toBe(delivered.headers['webhook-id']);

      // Filtered by status.
      await page.getByTestId('deliveries-status').selectOption('failed');
      await page.getByTestId('deliveries-empty').waitFor();
      await page.getByTestId('deliveries-status').selectOption('all');
      await succeeded.nth(1).waitFor();

      // Redelivering a time range: more than 31 days is refused at the field; a day is queued.
      const now = new Date();
      await page.getByTestId('redeliver-range').click();
      const rangeDialog = page.getByTestId('redeliver-range-dialog');
      await rangeDialog.waitFor();
      await page.getByTestId('redeliver-range-from').fill(localInput(new Date(now.getTime() - 40 * 24 * 3600 * 1000)));
      await page.getByTestId('redeliver-range-to').fill(localInput(new Date(now.getTime() + 60_000)));
      await page.getByTestId('redeliver-range-submit').click();
      await rangeDialog.getByRole('alert').getByText('The end of the range must be after its start, at most 31 days later.').waitFor();
      await page.getByTestId('redeliver-range-from').fill(localInput(new Date(now.getTime() - 24 * 3600 * 1000)));
      await page.getByTestId('redeliver-range-submit').click();
      await page.getByTestId('redeliver-range-queued').waitFor();
      await page.getByTestId('redeliver-range-done').click();
      await rangeDialog.waitFor({ state: 'detached' });
      await drain();

      // Rotating the secret: a new one, shown once; the previous one signs for 24 more hours.
      await page.getByTestId('endpoint-rotate').click();
      await page.getByTestId('rotate-secret-dialog').getByText('24 more hours', { exact: false }).waitFor();
      await page.getByTestId('rotate-secret-dialog-confirm').click();
      await page.getByTestId('rotated-secret-dialog').waitFor();
      const rotated = (await page.getByTestId('webhook-secret').textContent())!.trim();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      expect(await page.getByTestId('rotated-secret-dialog').textContent()).toContain('24 more hours');
      await page.getByTestId('rotated-secret-done').click();
      await page.getByTestId('rotated-secret-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('endpoint-fact-previous-secret').getByText('Still signs until', { exact: false }).waitFor();

      // Disabling it.
      await page.getByTestId('endpoint-toggle').click();
      await page.getByTestId('endpoint-disabled-notice').waitFor();
      expect(await page.getByTestId('endpoint-status').textContent()).toBe('Disabled');
      await page.getByTestId('endpoint-toggle').getByText('Re-enable').waitFor();

      // The change feed holds the test events, each with its resource.
      await page.getByTestId('nav-events').click();
      await page.getByTestId('events-table').waitFor();
      const testEvent = page.locator('[data-event="webhook-test"]').first();
      await testEvent.waitFor();
      expect(await testEvent.getByTestId('event-resource-uri').textContent()).toBe(`/v1/webhook-endpoints/${endpointId}`);
      await testEvent.getByTestId('event-details').click();
      await page.getByTestId('event-dialog').waitFor();
      expect(await page.getByTestId('event-resource').textContent()).toContain('This is a test event');
      await page.getByTestId('event-dialog-close').click();
      await page.getByTestId('event-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('events-load-newer').click();
      await page.getByTestId('events-up-to-date').waitFor();

      // In French.
      await page.getByTestId('nav-profile').click();
      await page.getByTestId('profile-page').waitFor();
      await page.getByTestId('profile-language').click();
      await page.getByTestId('profile-language-fr').click();
      await page.getByTestId('nav-integrations').getByText('Intégrations', { exact: true }).waitFor();
      await page.getByTestId('nav-events').click();
      await page.getByTestId('page-title').getByText('Événements', { exact: true }).waitFor();
      await page.goto(`${url}/integrations/webhooks/${endpointId}`);
      await page.getByTestId('deliveries-heading').getByText('Journal des livraisons', { exact: true }).waitFor();
      expect(await page.getByTestId('endpoint-status').textContent()).toBe('Désactivé');

      // Deleting it, after confirmation: back on the empty list.
      await page.getByTestId('endpoint-delete').click();
      await page.getByTestId('delete-endpoint-dialog-confirm').click();
      await page.getByTestId('webhooks-page').waitFor();
      await page.getByTestId('endpoints-empty').waitFor();
      expect(new URL(page.url()).pathname).toBe('/integrations/webhooks');
    });
  }, 180_000);
});
