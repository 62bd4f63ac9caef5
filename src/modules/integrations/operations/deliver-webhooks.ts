// EVT-2: the delivery run (the webhooks.deliver job). Claims due deliveries with FOR UPDATE SKIP LOCKED
// (a claim is held 30 seconds: a run that dies mid-delivery leaves them to the next), POSTs each signed
// payload through the outbound guard (its addresses checked after resolving, on every attempt; no
// redirect followed; 10 s timeout), several at a time, and records each attempt in one transaction:
// success, or the next try on the Standard Webhooks schedule (over 27 hours), or failure. An endpoint
// whose deliveries have all failed for 5 days is disabled and its admins are mailed. Delivery is at
// least once: a receiver de-duplicates by `webhook-id`.
import { sql } from 'drizzle-orm';
import { arrayLiteral, query, type Queryable } from '../../../db/index.js';
import { isLocale } from '../../../platform/i18n/index.js';
import { OutboundFailure } from '../../../platform/outbound.js';
import { queueDeliveryRun, signingSecrets } from '../reads.js';
import { deliveryTimeoutMs, endpointUrlProblem, nextAttemptDelaySeconds, responseExcerptBytes, shouldDisable, signatureHeader } from '../rules.js';
import { eventView, payloadOf, webhookIdOf, type EventRow } from '../views.js';
import type { IntegrationsDeps } from './deps.js';
import type { webhookEndpoints } from '../schema.js';

/** How long one run goes on claiming before it hands over to the next job. */
const runMs = 20_000;
const inFlight = 32;
/** Outcomes recorded per transaction. */
const flushEvery = 50;
/** …or this long after the first outcome waiting, whichever comes first. */
const flushAfterMs = 200;
const claimSeconds = 30;

interface Claimed extends EventRow {
  delivery_id: string;
  attempts: number;
  endpoint_id: string;
  endpoint_tenant_id: string;
  endpoint_url: string;
  endpoint_status: string;
  endpoint_secrets: (typeof webhookEndpoints.$inferSelect)['secrets'];
}

interface Outcome {
  statusCode: number | null;
  durationMs: number;
  excerpt: string | null;
  error: string | null;
}

export async function deliverWebhooks(deps: IntegrationsDeps): Promise<void> {
  const started = Date.now();
  const ready: Claimed[] = [];
  let claiming: Promise<void> | undefined;
  let exhausted = false;
  const recorder = outcomeRecorder(deps);
  // The next claimed delivery; when none is left, one worker claims the next batch while the others
  // finish theirs (a slow receiver holds one worker, not the run).
  const take = async (): Promise<Claimed | undefined> => {
    for (;;) {
      const row = ready.shift();
      if (row) return row;
      if (exhausted || Date.now() - started >= runMs) return undefined;
      claiming ??= claim(deps.db, deps.now())
        .then((rows) => {
          if (rows.length === 0) exhausted = true;
          ready.push(...rows);
        })
        .finally(() => (claiming = undefined));
      await claiming;
    }
  };
  const worker = async () => {
    for (let row = await take(); row; row = await take()) recorder.add(row, await attempt(deps, row, recorder.secretsOf));
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  await recorder.flush();
  // Stopped for time with more due: the next run takes over (a job runs for a bounded time, so others get their turn).
  if (!exhausted) await queueDeliveryRun(deps.db);
}

/**
 * Due deliveries, claimed for claimSeconds by the app's clock: a first attempt is always due (the
 * delivery was written with its event); a retry when its time has come.
 */
function claim(db: Queryable, now: Date) {
  const at = now.toISOString();
  return query<Claimed>(db, sql`
    with picked as (
      update webhook_deliveries d set locked_until = ${at}::timestamptz + make_interval(secs => ${claimSeconds})
      where d.id in (
        select id from webhook_deliveries
        where status = 'pending' and (attempts = 0 or next_attempt_at <= ${at}::timestamptz) and (locked_until is null or locked_until < ${at}::timestamptz)
        order by next_attempt_at
        limit ${inFlight}
        for update skip locked)
      returning d.id, d.endpoint_id, d.event_id, d.attempts)
    select p.id as delivery_id, p.attempts, p.endpoint_id, w.tenant_id as endpoint_tenant_id, w.url as endpoint_url, w.status as endpoint_status, w.secrets as endpoint_secrets,
      e.id, e.tenant_id, e.event_type, e.resource_type, e.resource_id, e.resource_uri, e.resource_name, e.audit_record_id, e.resource, e.at
    from picked p join webhook_endpoints w on w.id = p.endpoint_id join events e on e.id = p.event_id`);
}

type SecretsOf = (row: Claimed, now: Date) => string[];

async function attempt(deps: IntegrationsDeps, row: Claimed, secretsOf: SecretsOf): Promise<Outcome & { at: Date }> {
  const at = deps.now();
  if (row.endpoint_status !== 'active') return { at, statusCode: null, durationMs: 0, excerpt: null, error: 'endpoint disabled' };
  if (row.tenant_id !== row.endpoint_tenant_id) return { at, statusCode: null, durationMs: 0, excerpt: null, error: 'event of another tenant' };
  return { at, ...(await post(deps, row, secretsOf(row, at))) };
}

/** Text the database keeps: no NUL (PostgreSQL text and jsonb refuse it). */
const storable = (text: string | null) => (text === null ? null : text.replace(/\u0000/g, ''));

/**
 * Records attempts in batches: each batch one transaction of set-based statements (the attempts, the
 * deliveries' new state, the endpoints' failure clocks), flushed every flushEvery outcomes, flushAfterMs after the first one waiting, and at the
 * end of the run. An outcome lost with a crashed run leaves its delivery claimed: it is sent again when
 * the claim expires (at least once).
 */
function outcomeRecorder(deps: IntegrationsDeps) {
  let buffered: { row: Claimed; outcome: Outcome & { at: Date } }[] = [];
  let writing: Promise<void> = Promise.resolve();
  const secrets = new Map<string, string[]>();
  const write = async (batch: typeof buffered) => {
    const rows = batch.map(({ row, outcome }) => {
      const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
      // This attempt is the delivery's attempts + 1 (attempts count what was tried and recorded, not claims).
      const delay = succeeded || row.endpoint_status !== 'active' ? null : nextAttemptDelaySeconds(row.attempts + 1);
      return {
        id: row.delivery_id,
        endpoint: row.endpoint_id,
        active: row.endpoint_status === 'active',
        succeeded,
        status: succeeded ? 'succeeded' : delay === null ? 'failed' : 'pending',
        next: delay === null ? null : new Date(outcome.at.getTime() + delay * 1000).toISOString(),
        at: outcome.at.toISOString(),
        code: outcome.statusCode,
        duration: outcome.durationMs,
        excerpt: storable(outcome.excerpt),
        error: storable(outcome.error),
      };
    });
    const json = JSON.stringify(rows);
    const columns = sql`as v(id uuid, endpoint uuid, active boolean, succeeded boolean, status text, next timestamptz, at timestamptz, code int, duration int, excerpt text, error text)`;
    await deps.platform.transaction(async (tx) => {
      await tx.execute(sql`
        insert into webhook_attempts (delivery_id, at, status_code, duration_ms, response_excerpt, error)
        select id, at, code, duration, excerpt, error from jsonb_to_recordset(${json}::jsonb) ${columns}`);
      await tx.execute(sql`
        update webhook_deliveries d set status = v.status, locked_until = null, next_attempt_at = v.next, attempts = d.attempts + 1,
          last_status_code = v.code, last_duration_ms = v.duration, last_response = v.excerpt, last_error = v.error,
          last_attempt_at = v.at, delivered_at = case when v.succeeded then v.at end
        from jsonb_to_recordset(${json}::jsonb) ${columns}
        where d.id = v.id and d.status = 'pending'`);
      // An endpoint that answered once in this batch is not failing; one that only failed starts (or keeps) its clock.
      const answered = [...new Set(rows.filter((r) => r.active && r.succeeded).map((r) => r.endpoint))];
      const failedOnly = [...new Set(rows.filter((r) => r.active && !r.succeeded && !answered.includes(r.endpoint)).map((r) => r.endpoint))];
      if (answered.length) await tx.execute(sql`update webhook_endpoints set failing_since = null where id = any(${arrayLiteral(answered)}::uuid[]) and failing_since is not null`);
      if (failedOnly.length === 0) return;
      const now = deps.now();
      const failing = await query<{ id: string; failing_since: Date | string }>(
        tx,
        sql`update webhook_endpoints set failing_since = coalesce(failing_since, ${now.toISOString()}::timestamptz) where id = any(${arrayLiteral(failedOnly)}::uuid[]) and status = 'active' returning id, failing_since`,
      );
      for (const endpoint of failing) {
        const since = new Date(endpoint.failing_since);
        if (!shouldDisable(since, now)) continue;
        const last = [...batch].reverse().find((b) => b.row.endpoint_id === endpoint.id)!;
        await disable(deps, tx, last.row, since, last.outcome.error ?? `HTTP ${last.outcome.statusCode}`);
      }
    });
  };
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = buffered;
    buffered = [];
    // A batch that cannot be written is logged; its deliveries stay claimed and are sent again when the claim expires.
    writing = writing.then(() => (batch.length ? write(batch) : undefined)).catch((error: unknown) => deps.platform.log.error({ err: error }, 'webhook attempts not recorded'));
    return writing;
  };
  return {
    add(row: Claimed, outcome: Outcome & { at: Date }) {
      buffered.push({ row, outcome });
      if (buffered.length >= flushEvery) void flush();
      else timer ??= setTimeout(() => void flush(), flushAfterMs);
    },
    flush,
    /** The endpoint's signing secrets, opened once per run. */
    secretsOf: ((row, now) => {
      const key = `${row.endpoint_id}:${JSON.stringify(row.endpoint_secrets)}`;
      let valid = secrets.get(key);
      if (!valid) secrets.set(key, (valid = signingSecrets(deps, row.endpoint_secrets, now)));
      return valid;
    }) as SecretsOf,
  };
}

async function post(deps: IntegrationsDeps, row: Claimed, secrets: string[]): Promise<Outcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const problem = endpointUrlProblem(row.endpoint_url, { production: deps.platform.config.production });
  if (problem) return { statusCode: null, durationMs: 0, excerpt: null, error: problem };
  const body = JSON.stringify(payloadOf(eventView(row)));
  const webhookId = webhookIdOf(row.id);
  // The signature's timestamp is the wall clock's: receivers compare it with theirs (replay tolerance).
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await deps.net.fetch(row.endpoint_url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ChannelCenter-Webhooks/1',
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, webhookId, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(deliveryTimeoutMs),
    });
    const text = Buffer.from(await response.arrayBuffer()).subarray(0, responseExcerptBytes).toString('utf8');
    return { statusCode: response.status, durationMs: elapsed(), excerpt: text || null, error: response.status >= 300 && response.status < 400 ? 'redirect not followed' : null };
  } catch (error) {
    const reason = error instanceof OutboundFailure ? error.reason : 'request failed';
    return { statusCode: null, durationMs: elapsed(), excerpt: null, error: reason };
  }
}

async function disable(deps: IntegrationsDeps, tx: Queryable, row: Claimed, since: Date, lastError: string): Promise<void> {
  const changed = await query<{ id: string }>(tx, sql`update webhook_endpoints set status = 'disabled', disabled_reason = 'failing', updated_at = now() where id = ${row.endpoint_id} and status = 'active' returning id`);
  if (changed.length === 0) return;
  const tenant = await deps.identity.getTenant(row.endpoint_tenant_id, tx);
  const admins = await deps.identity.usersWithRolesOf([row.endpoint_tenant_id], ['globalAdmin'], tx);
  for (const admin of admins) {
    await deps.platform.mailer.enqueue(tx, {
      template: 'webhookDisabled',
      locale: isLocale(admin.language) ? admin.language : 'en',
      to: admin.email,
      recipientUserId: admin.id,
      tenantId: row.endpoint_tenant_id,
      params: { name: admin.displayName, url: row.endpoint_url, tenant: tenant?.name ?? '', since: since.toISOString().slice(0, 10), error: lastError, link: `${deps.platform.config.publicUrl}/integrations/webhooks/${row.endpoint_id}` },
    });
  }
}
