// REL-1: the provider directory — active indirect providers serving a region (by default the caller's).
import type { Actor } from '../../../platform/access.js';
import type { DirectoryProvider, ProviderDirectoryQuery } from '../contract.js';
import type { RelationshipsDeps } from './deps.js';

export async function providerDirectory(
  deps: RelationshipsDeps,
  query: Omit<ProviderDirectoryQuery, 'size' | 'cursor'> & { size: number; after?: { name: string; tenantId: string } },
  actor: Actor,
): Promise<{ items: DirectoryProvider[]; totalCount: number }> {
  const { markets, enrollment } = deps;
  const region = query.region ?? (query.country ? await markets.regionOf(query.country) : await markets.regionOf(await enrollment.contactCountry(actor.tenantId)));
  const countries = region ? await markets.countriesOf(region) : [];
  const lookup = await markets.regionLookup();
  const page = await enrollment.activePartners({ program: 'indirectProvider', countries, service: query.service, q: query.q, size: query.size, after: query.after });
  return { ...page, items: page.items.map((p) => ({ ...p, region: lookup(p.country) ?? null, website: p.website ?? null, supportEmail: p.supportEmail ?? null, supportPhone: p.supportPhone ?? null })) };
}
