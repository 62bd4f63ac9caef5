// Mail and failure helpers shared by the browser suites: the newest delivered mail to an address
// that holds a link, and a screenshot when a test body fails.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './browser.js';

/** Runs one test body; on failure saves a screenshot named after the test, then fails as before. */
export async function withScreenshot(page: Page, testName: string, body: () => Promise<void>, log: () => string[]): Promise<void> {
  try {
    await body();
  } catch (error) {
    const file = await saveScreenshot(page, testName);
    if (file) console.log(`Screenshot of the failure: ${file}`);
    const lines = log();
    if (lines.length > 0) console.log(`Browser errors:\n${lines.join('\n')}`);
    throw error;
  }
}

function recipients(to: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((item) => item.value.map((address) => (address.address ?? '').toLowerCase()));
}

/**
 * The first link matching `pattern` in the newest mail delivered to `email`. The test app runs no
 * background worker: `deliver` sends what the outbox holds (as the worker would after commit).
 */
export async function linkInMail(mailDir: string, email: string, pattern: RegExp, deliver: () => Promise<void>, timeoutMs = 20_000): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await deliver();
    const names = await readdir(mailDir).catch(() => [] as string[]);
    const files = await Promise.all(
      names.filter((name) => name.endsWith('.eml')).map(async (name) => ({ name, mtime: (await stat(path.join(mailDir, name))).mtimeMs })),
    );
    files.sort((a, b) => b.mtime - a.mtime);
    for (const file of files) {
      const mail = await simpleParser(await readFile(path.join(mailDir, file.name)));
      if (!recipients(mail.to).includes(email.toLowerCase())) continue;
      const match = pattern.exec(mail.text ?? '');
      if (match) return new URL(match[0]);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seen = await readdir(mailDir).catch((error: Error) => [error.message]);
  throw new Error(`no mail to ${email} with ${pattern} in ${mailDir} (files: ${seen.join(', ')})`);
}
