/**
 * Non-geographic NANP area codes (NPAs): numbers here have no home region and no time zone.
 * Hand-written. Sources:
 * - google/libphonenumber `resources/PhoneNumberMetadata.xml`, territories US and CA, commit
 *   f7e3e88c92b905c8d6edb81f336dbe25edc05b52 (Apache-2.0, © The Libphonenumber Authors), as
 *   quoted in the reference data's README ("Notes"): tollFree `8(?:00|33|44|55|66|77|88)[2-9]\d{6}`,
 *   premiumRate `900[2-9]\d{6}`, personalNumber `5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}`
 *   (+ parts of 523/524; CA adds 622 and 633), CA voip `600[2-9]\d{6}`.
 * - 456, 700 and 710 are not in libphonenumber's US/CA types, so parsePhone rejects them; their
 *   NANPA uses (456 inbound international, 700 carrier services, 710 US government) only name the
 *   rejection. Those uses were not read from a NANPA primary text: unverified.
 */

/** The kinds a non-geographic NANP area code can have. */
export type NanpSpecialKind = 'toll_free' | 'premium_rate' | 'personal_communications' | 'non_geographic';

/** NPA → kind. libphonenumber types every code here. */
export const NANP_SPECIAL_NPAS: Readonly<Record<string, NanpSpecialKind>> = {
  '800': 'toll_free',
  '833': 'toll_free',
  '844': 'toll_free',
  '855': 'toll_free',
  '866': 'toll_free',
  '877': 'toll_free',
  '888': 'toll_free',
  '900': 'premium_rate',
  // 5XX/6XX "easily recognizable codes" for personal communications services
  '500': 'personal_communications',
  '521': 'personal_communications',
  '522': 'personal_communications',
  '523': 'personal_communications', // only some exchanges are typed by libphonenumber
  '524': 'personal_communications', // only some exchanges are typed by libphonenumber
  '525': 'personal_communications',
  '526': 'personal_communications',
  '527': 'personal_communications',
  '528': 'personal_communications',
  '529': 'personal_communications',
  '532': 'personal_communications',
  '533': 'personal_communications',
  '544': 'personal_communications',
  '566': 'personal_communications',
  '577': 'personal_communications',
  '588': 'personal_communications',
  '622': 'personal_communications', // CA only
  '633': 'personal_communications', // CA only
  '600': 'non_geographic', // CA, libphonenumber type VOIP
};

/**
 * Non-geographic service codes that libphonenumber rejects (no US/CA number type matches them):
 * numbers under them are not phones that receive texts. NPA → what NANPA reserves it for, used
 * only in the error sentence (unverified: not read from a NANPA primary text).
 */
export const NANP_SERVICE_ONLY_NPAS: Readonly<Record<string, string>> = {
  '456': 'inbound international services',
  '700': 'carrier-specific services',
  '710': 'US government emergency telecommunications',
};
