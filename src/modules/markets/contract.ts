// The shapes the markets module shows the world, declared once (MKT-1 … MKT-5): a country's market
// (region and currency) and the CSP regions with their countries.
import { Type, type Static } from '@sinclair/typebox';

export const Market = Type.Object({ country: Type.String(), name: Type.String(), regionId: Type.String(), currency: Type.String() }, { title: 'Market' });
export type Market = Static<typeof Market>;

export const Region = Type.Object({ id: Type.String(), name: Type.String(), countries: Type.Array(Market) }, { title: 'Region' });
export type Region = Static<typeof Region>;

export const Regions = Type.Object({ items: Type.Array(Region) });
export type Regions = Static<typeof Regions>;

export const CountryParams = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }, { additionalProperties: false });

export const MarketBody = Type.Object({ regionId: Type.String({ minLength: 1, maxLength: 50 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) }, { additionalProperties: false });
export type MarketBody = Static<typeof MarketBody>;
