// Other names accepted for the states and provinces that ENR-3 checks (US, CA, MX, CN). The list of
// subdivisions, their codes and English names come from the country-region-data package; this file
// only adds names that package does not carry, each mapped to one of its codes (a test checks that
// every code here exists there).

/**
 * Chinese names of China's provinces, municipalities, autonomous regions and special administrative
 * regions, as in GB/T 2260 (National Bureau of Statistics of China, administrative division codes).
 * The suffixes 省, 市, 自治区 and 特别行政区 may be left out by the applicant.
 */
export const chineseProvinceNames: Readonly<Record<string, string>> = {
  AH: '安徽省', BJ: '北京市', CQ: '重庆市', FJ: '福建省', GS: '甘肃省', GD: '广东省', GX: '广西壮族自治区',
  GZ: '贵州省', HI: '海南省', HE: '河北省', HL: '黑龙江省', HA: '河南省', HK: '香港特别行政区', HB: '湖北省',
  HN: '湖南省', NM: '内蒙古自治区', JS: '江苏省', JX: '江西省', JL: '吉林省', LN: '辽宁省', MO: '澳门特别行政区',
  NX: '宁夏回族自治区', QH: '青海省', SN: '陕西省', SD: '山东省', SH: '上海市', SX: '山西省', SC: '四川省',
  TJ: '天津市', XZ: '西藏自治区', XJ: '新疆维吾尔自治区', YN: '云南省', ZJ: '浙江省',
};

/** Suffixes of Chinese division names, longest first. */
export const chineseSuffixes = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'] as const;

/** Trailing words of English (pinyin) Chinese division names that may be left out. */
export const chineseEnglishSuffixes = [
  'uyghur autonomous region', 'uygur autonomous region', 'zhuang autonomous region', 'hui autonomous region',
  'special administrative region', 'autonomous region', 'municipality', 'province', 'zizhiqu', 'sheng', 'shi', 'sar',
] as const;

/** Other names (matched without case, accents or punctuation) → code, per country. */
export const subdivisionAliases: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    'washington dc': 'DC', 'washington d c': 'DC', 'd c': 'DC',
    'us virgin islands': 'VI', 'u s virgin islands': 'VI', 'united states virgin islands': 'VI',
    'federated states of micronesia': 'FM', 'republic of palau': 'PW', 'republic of the marshall islands': 'MH',
  },
  CA: {
    // French names (Canada Post accepts both languages) and common short forms.
    'colombie britannique': 'BC', 'nouveau brunswick': 'NB', 'terre neuve et labrador': 'NL', 'newfoundland': 'NL',
    'nouvelle ecosse': 'NS', 'ile du prince edouard': 'PE', 'pei': 'PE', 'territoires du nord ouest': 'NT',
    'yukon territory': 'YT',
  },
  MX: {
    // Short forms of the official names, and the usual names of the capital and the State of Mexico.
    'coahuila': 'COA', 'michoacan': 'MIC', 'queretaro': 'QUE', 'veracruz de ignacio de la llave': 'VER',
    'mexico city': 'CMX', 'cdmx': 'CMX', 'distrito federal': 'CMX', 'df': 'CMX', 'ciudad de mexico': 'CMX',
    'mexico': 'MEX', 'state of mexico': 'MEX', 'edomex': 'MEX',
  },
  CN: {
    'nei mongol': 'NM', 'nei menggu': 'NM', 'xizang': 'XZ', 'macao': 'MO',
  },
};
