// Brands most impersonated in US smishing (FTC consumer alerts on fake USPS/UPS/FedEx delivery,
// unpaid-toll, bank-fraud-alert and IRS/SSA texts: https://consumer.ftc.gov/articles/how-recognize-and-report-spam-text-messages,
// https://consumer.ftc.gov/consumer-alerts/2025/01/got-text-about-unpaid-tolls-its-probably-scam)
// and the domains each brand sends links from. Compiled by hand from the brands' public websites;
// the domain lists are not exhaustive (unverified against any brand's published list), so a brand's
// real text linking elsewhere can be blocked: add the domain here.

/** A brand that smishing texts pretend to be. */
export interface PhishedBrand {
  /** Lower-case key. */
  readonly id: string;
  /** Regex source for how texts name the brand (matched whole-word). */
  readonly names: string;
  /** Match the names case-sensitively ("UPS" but not "ups and downs"). */
  readonly caseSensitive?: boolean;
  /** Domains the brand links to; a link is the brand's when its host is one of these or under one. */
  readonly domains: readonly string[];
  /** A government body: any .gov host is also its own. */
  readonly gov?: boolean;
  /** Prefilter anchors: lower-case word starts of every name. */
  readonly anchors: readonly string[];
}

/** Impersonated brands: parcel carriers, toll agencies, government, banks, payment apps, big platforms. */
export const PHISHED_BRANDS: readonly PhishedBrand[] = [
  { id: 'usps', names: 'usps|u\\.s\\. postal service|us postal service|postal service', domains: ['usps.com', 'usps.gov'], gov: true, anchors: ['usps', 'postal'] },
  { id: 'ups', names: 'UPS', caseSensitive: true, domains: ['ups.com'], anchors: ['ups'] },
  { id: 'fedex', names: 'fedex|fed ex', domains: ['fedex.com'], anchors: ['fedex', 'fed ex'] },
  { id: 'dhl', names: 'dhl(?: express)?', domains: ['dhl.com', 'dhl.de'], anchors: ['dhl'] },
  {
    id: 'e-zpass',
    names: 'e-?z[ -]?pass',
    domains: ['e-zpassny.com', 'ezpassnj.com', 'ezpassva.com', 'ezpassmd.com', 'e-zpassiag.com', 'ezpassde.com', 'ezpassnh.com', 'ezpassmaine.com', 'ezpassri.com', 'paturnpike.com', 'ezdrivema.com', 'getipass.com', 'ohioturnpike.org'],
    gov: true,
    anchors: ['e-zpass', 'e-z pass', 'ezpass', 'ez pass', 'ez-pass'],
  },
  { id: 'sunpass', names: 'sun ?pass', domains: ['sunpass.com'], gov: true, anchors: ['sunpass', 'sun pass'] },
  { id: 'fastrak', names: 'fas ?trak', domains: ['bayareafastrak.org', 'thetollroads.com'], gov: true, anchors: ['fastrak', 'fas trak'] },
  { id: 'txtag', names: 'txtag', domains: ['txtag.org'], gov: true, anchors: ['txtag'] },
  { id: 'irs', names: 'irs|internal revenue service', domains: ['irs.gov'], gov: true, anchors: ['irs', 'internal revenue'] },
  { id: 'ssa', names: 'ssa|social security administration', domains: ['ssa.gov'], gov: true, anchors: ['ssa', 'social security admin'] },
  { id: 'dmv', names: 'dmv|department of motor vehicles', domains: [], gov: true, anchors: ['dmv', 'department of motor'] },
  { id: 'medicare', names: 'medicare', domains: ['medicare.gov'], gov: true, anchors: ['medicare'] },
  { id: 'chase', names: 'Chase|CHASE|JPMorgan Chase', caseSensitive: true, domains: ['chase.com', 'jpmorganchase.com'], anchors: ['chase', 'jpmorgan'] },
  { id: 'wells-fargo', names: 'wells ?fargo', domains: ['wellsfargo.com', 'wf.com'], anchors: ['wells'] },
  { id: 'bank-of-america', names: 'bank of america|bofa', domains: ['bankofamerica.com', 'bofa.com'], anchors: ['bank of america', 'bofa'] },
  { id: 'citi', names: 'citi(?:bank)?', domains: ['citi.com', 'citibank.com', 'citicards.com'], anchors: ['citi'] },
  { id: 'capital-one', names: 'capital ?one', domains: ['capitalone.com'], anchors: ['capital one', 'capitalone'] },
  { id: 'us-bank', names: 'us ?bank', domains: ['usbank.com'], anchors: ['us bank', 'usbank'] },
  { id: 'pnc', names: 'pnc', domains: ['pnc.com'], anchors: ['pnc'] },
  { id: 'td-bank', names: 'td bank', domains: ['td.com', 'tdbank.com'], anchors: ['td bank'] },
  { id: 'truist', names: 'truist', domains: ['truist.com'], anchors: ['truist'] },
  { id: 'navy-federal', names: 'navy federal', domains: ['navyfederal.org'], anchors: ['navy'] },
  { id: 'amex', names: 'american express|amex', domains: ['americanexpress.com', 'aexp.com'], anchors: ['american express', 'amex'] },
  { id: 'paypal', names: 'paypal', domains: ['paypal.com'], anchors: ['paypal'] },
  { id: 'venmo', names: 'venmo', domains: ['venmo.com'], anchors: ['venmo'] },
  { id: 'zelle', names: 'zelle', domains: ['zellepay.com'], anchors: ['zelle'] },
  { id: 'cash-app', names: 'cash ?app', domains: ['cash.app', 'square.com'], anchors: ['cash app', 'cashapp'] },
  { id: 'apple', names: 'apple (?:id|pay|support|account)|icloud', domains: ['apple.com', 'icloud.com'], anchors: ['apple', 'icloud'] },
  { id: 'amazon', names: 'amazon(?: prime)?', domains: ['amazon.com', 'amzn.to', 'a.co'], anchors: ['amazon'] },
  { id: 'netflix', names: 'netflix', domains: ['netflix.com'], anchors: ['netflix'] },
  { id: 'coinbase', names: 'coinbase', domains: ['coinbase.com'], anchors: ['coinbase'] },
  { id: 'microsoft', names: 'microsoft|office ?365', domains: ['microsoft.com', 'live.com', 'outlook.com', 'office.com'], anchors: ['microsoft', 'office 365', 'office365'] },
  { id: 'walmart', names: 'walmart', domains: ['walmart.com'], anchors: ['walmart'] },
  { id: 'costco', names: 'costco', domains: ['costco.com'], anchors: ['costco'] },
  { id: 'verizon', names: 'verizon', domains: ['verizon.com', 'vzw.com'], anchors: ['verizon'] },
  { id: 't-mobile', names: 't-mobile', domains: ['t-mobile.com'], anchors: ['t-mobile'] },
];
