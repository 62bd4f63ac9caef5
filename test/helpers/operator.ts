// The program's operator tenant in a test database (there is one per program): created through the
// identity service the way OPERATOR_EMAIL does at start, then signed in over HTTP.
import { Client, testPassword } from './client.js';
import type { Target } from './server.js';

export const operatorEmail = 'operator-admin@operator.test';

export async function signInOperator(t: Target): Promise<Client> {
  await t.app.services.identity.ensureOperator({ requestId: 'test', locale: 'en' }, { email: operatorEmail, password: testPassword });
  const client = new Client(t.url);
  const response = await client.signIn(operatorEmail, testPassword);
  if (response.status !== 201) throw new Error(`operator sign-in failed: ${response.text}`);
  return client;
}
