// The change feed (GET /v1/events): events in the feed's order from a cursor on. Each answer carries
// the cursor to read on from; `hasMore` says more were already waiting. Following, the helpers read
// again after a pause once the feed has caught up, until the signal aborts.
import { sleep, unwrap, type ChannelCenterClient, type paths } from './client.js';

/** One answer of the change feed: its events, the cursor after them, and whether more are waiting. */
export type EventFeed = paths['/v1/events']['get']['responses'][200]['content']['application/json'];
/** An event of the change feed (and a webhook's `data`). */
export type FeedEvent = EventFeed['items'][number];

export interface EventsOptions {
  /** The cursor of an earlier answer; absent, the feed is read from its beginning. */
  after?: string;
  /** Only these event names. */
  types?: readonly string[];
  /** Events per answer (1–500; the API's default is 100). */
  size?: number;
  /** Keep reading once the feed has caught up, every pollIntervalMs, until the signal aborts. */
  follow?: boolean;
  /** The pause between reads of a caught-up feed while following (default 5 s). */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * The feed's answers one after another. Store a page's `cursor` once its events are handled: reading
 * on from it later neither repeats nor skips any.
 */
export async function* eventPages(client: ChannelCenterClient, options: EventsOptions = {}): AsyncGenerator<EventFeed, void, undefined> {
  const { follow = false, pollIntervalMs = 5000, signal } = options;
  let after = options.after;
  const types = options.types?.length ? options.types.join(',') : undefined;
  while (!signal?.aborted) {
    let page: EventFeed;
    try {
      page = await unwrap(client.GET('/v1/events', { params: { query: { after, size: options.size, types } }, signal }));
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    yield page;
    after = page.cursor;
    if (page.hasMore) continue;
    if (!follow) return;
    try {
      await sleep(pollIntervalMs, signal);
    } catch {
      return;
    }
  }
}

/** The feed's events one after another (eventPages gives the cursors to resume from). */
export async function* events(client: ChannelCenterClient, options: EventsOptions = {}): AsyncGenerator<FeedEvent, void, undefined> {
  for await (const page of eventPages(client, options)) yield* page.items;
}
