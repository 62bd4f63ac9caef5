// Collections come a page at a time (`Collection` in src/platform/contract.ts): `items`, and
// `links.next.uri` while there is more. These follow the links until the last page.
import type { Client, ClientPathsWithMethod, MaybeOptionalInit, MethodResponse, Middleware } from 'openapi-fetch';
import { unwrap, type ChannelCenterClient, type paths } from './client.js';

type GetPath = ClientPathsWithMethod<Client<paths>, 'get'>;
type Answer<P extends GetPath> = MethodResponse<Client<paths>, 'get', P>;

/** The GET routes that answer a collection. */
export type CollectionPath = { [P in GetPath]: Answer<P> extends { items: unknown[]; links: { next?: { uri: string } } } ? P : never }[GetPath];

/** One page of the collection at P. */
export type PageOf<P extends CollectionPath> = Answer<P>;

/** An item of the collection at P. */
export type ItemOf<P extends CollectionPath> = Answer<P> extends { items: (infer Item)[] } ? Item : never;

/** The request options of the GET route at P (path parameters, query, headers, signal). */
export type ListInit<P extends CollectionPath> = MaybeOptionalInit<paths[P], 'get'>;

/** Sends the request to the page link instead, with everything else (headers, token, retries) as it was. */
function toLink(url: string): Middleware {
  return { onRequest: ({ request }) => new Request(url, request) };
}

type Get = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Every page of the collection at P, the first from `init`, each next one from the previous page's link. */
export async function* pages<P extends CollectionPath>(client: ChannelCenterClient, path: P, ...init: [ListInit<P>?]): AsyncGenerator<PageOf<P>, void, undefined> {
  // One route's options are the generic P's: openapi-fetch's GET is typed per literal path.
  const get = client.GET as unknown as Get;
  const options = (init[0] ?? {}) as Record<string, unknown>;
  let link: string | undefined;
  do {
    const middleware = link ? [...((options.middleware as Middleware[] | undefined) ?? []), toLink(link)] : options.middleware;
    const page = (await unwrap(get(path, { ...options, middleware }))) as { links: { next?: { uri: string } } };
    yield page as PageOf<P>;
    const next = page.links.next?.uri;
    link = next === undefined ? undefined : /^https?:\/\//.test(next) ? next : `${client.baseUrl}${next}`;
  } while (link);
}

/** Every item of the collection at P, page after page; stop early with `break`. */
export async function* paginate<P extends CollectionPath>(client: ChannelCenterClient, path: P, ...init: [ListInit<P>?]): AsyncGenerator<ItemOf<P>, void, undefined> {
  for await (const page of pages(client, path, ...init)) {
    for (const item of (page as { items: ItemOf<P>[] }).items) yield item;
  }
}
