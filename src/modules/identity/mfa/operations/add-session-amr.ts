// ACC-4: the current session has now passed a further factor (a TOTP code or a passkey it just enrolled
// with), so its amr records it and it counts as an MFA session from the next request on.
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../../db/index.js';
import { sessions } from '../../schema.js';
import type { Amr } from '../rules.js';

export async function addSessionAmr(tx: Queryable, sessionId: string, method: Amr): Promise<void> {
  await tx
    .update(sessions)
    .set({ amr: sql`case when ${method} = any(${sessions.amr}) then ${sessions.amr} else array_append(${sessions.amr}, ${method}::text) end` })
    .where(eq(sessions.id, sessionId));
}
