// Which state or province a postal code belongs to, from its first characters (ENR-3, status
// Multiple). Used only to detect a state that the postal code contradicts, or a state left out where
// the code alone cannot tell which one is meant.
//
// United States: 3-digit ZIP Code prefixes, after the USPS prefix assignments (Domestic Mail Manual,
// Exhibit L002 "3-Digit ZIP Code Prefix Matrix"). Ranges include a few unassigned prefixes inside a
// state's block; prefixes shared by several states or territories list each of them.
// Canada: the first letter of the forward sortation area (Canada Post, "Canadian addressing guide").

/** [first prefix, last prefix, state codes] — inclusive, 3-digit prefixes as numbers. */
const usRanges: readonly (readonly [number, number, readonly string[]])[] = [
  [5, 5, ['NY']],
  [6, 7, ['PR']], [8, 8, ['VI']], [9, 9, ['PR']],
  [10, 27, ['MA']], [28, 29, ['RI']], [30, 38, ['NH']], [39, 49, ['ME']],
  [50, 54, ['VT']], [55, 55, ['MA']], [56, 59, ['VT']],
  [60, 69, ['CT']], [70, 89, ['NJ']], [90, 98, ['AE']],
  [100, 149, ['NY']], [150, 196, ['PA']], [197, 199, ['DE']],
  [200, 200, ['DC']], [201, 201, ['VA']], [202, 205, ['DC']], [206, 219, ['MD']],
  [220, 246, ['VA']], [247, 268, ['WV']], [270, 289, ['NC']], [290, 299, ['SC']],
  [300, 319, ['GA']], [320, 339, ['FL']], [340, 340, ['AA']], [341, 349, ['FL']],
  [350, 369, ['AL']], [370, 385, ['TN']], [386, 397, ['MS']], [398, 399, ['GA']],
  [400, 427, ['KY']], [430, 459, ['OH']], [460, 479, ['IN']], [480, 499, ['MI']],
  [500, 528, ['IA']], [530, 549, ['WI']], [550, 567, ['MN']], [569, 569, ['DC']],
  [570, 577, ['SD']], [580, 588, ['ND']], [590, 599, ['MT']],
  [600, 629, ['IL']], [630, 658, ['MO']], [660, 679, ['KS']], [680, 693, ['NE']],
  [700, 715, ['LA']], [716, 729, ['AR']], [730, 732, ['OK']], [733, 733, ['TX']], [734, 749, ['OK']],
  [750, 799, ['TX']], [800, 816, ['CO']], [820, 831, ['WY']], [832, 833, ['ID']], [834, 834, ['ID', 'WY']],
  [835, 838, ['ID']], [840, 847, ['UT']], [850, 865, ['AZ']], [870, 884, ['NM']], [885, 885, ['TX']],
  [889, 898, ['NV']], [900, 961, ['CA']], [962, 966, ['AP']], [967, 967, ['HI', 'AS']], [968, 968, ['HI']],
  [969, 969, ['GU', 'MP', 'FM', 'MH', 'PW']], [970, 979, ['OR']], [980, 994, ['WA']], [995, 999, ['AK']],
];

const usByPrefix = new Map<number, readonly string[]>();
for (const [from, to, states] of usRanges) for (let p = from; p <= to; p++) usByPrefix.set(p, states);

/** Canada Post: first letter of the postal code → province or territory. */
const caByLetter: Readonly<Record<string, readonly string[]>> = {
  A: ['NL'], B: ['NS'], C: ['PE'], E: ['NB'], G: ['QC'], H: ['QC'], J: ['QC'],
  K: ['ON'], L: ['ON'], M: ['ON'], N: ['ON'], P: ['ON'], R: ['MB'], S: ['SK'], T: ['AB'],
  V: ['BC'], X: ['NT', 'NU'], Y: ['YT'],
};

/**
 * The states or provinces a valid, compact postal code can belong to; empty when unknown (no data
 * for the country, or a prefix outside the table).
 */
export function statesForPostalCode(country: string, compact: string): readonly string[] {
  if (country === 'US') return usByPrefix.get(Number(compact.slice(0, 3))) ?? [];
  if (country === 'CA') return caByLetter[compact.charAt(0)] ?? [];
  return [];
}
