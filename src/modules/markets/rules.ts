// Market rules, pure. MKT-1: a partner's region is the region of its legal address country.
// MKT-2 / MKT-3: parties work together only within one region — decided here, and only here.

export type RegionOf = (country: string) => string | undefined;

/** MKT-1 */
export function partnerRegion(legalCountry: string, regionOf: RegionOf): string | undefined {
  return regionOf(legalCountry);
}

/** MKT-2, MKT-3: both countries are known markets of the same CSP region. */
export function sameRegion(countryA: string, countryB: string, regionOf: RegionOf): boolean {
  const a = regionOf(countryA);
  return a !== undefined && a === regionOf(countryB);
}
