// Password hashing (argon2id) and the password policy shared by every place that sets a password.
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { FieldError } from '../errors.js';

const options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal that. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/** The password policy: at least 12 characters, not equal to the email. */
export function passwordProblems(password: string, email: string, path: string): FieldError[] {
  if (password.length < 12) return [{ path, code: 'password_too_short' }];
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return [{ path, code: 'password_equals_email' }];
  return [];
}

/** A temporary password: 16 characters from an unambiguous alphabet, plus a digit and a symbol. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return `${out}-7`;
}
