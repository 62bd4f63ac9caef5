// Secrets the server must read back (stored replayable responses, identity providers' client
// secrets) are kept encrypted: AES-256-GCM with a key derived from SESSION_SECRET and a purpose, so
// one purpose's ciphertext never opens as another's. Changing SESSION_SECRET makes them unreadable.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface Sealer {
  seal(text: string): string;
  open(sealed: string): string;
}

export function sealer(secret: string, purpose: string): Sealer {
  const key = createHash('sha256').update(`${purpose}:${secret}`).digest();
  return {
    seal(text: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed: string): string {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
