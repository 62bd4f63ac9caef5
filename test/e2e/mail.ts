// Mail for the browser suites: the link in the newest delivered mail to an address.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

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
