/**
 * Plain-language names of provider delivery error codes, for the dashboard's "failures by error
 * code". Source: Twilio Error and Warning Dictionary (twilio.com/docs/api/errors/<code>), as
 * docs/figures.md lists which pages were read.
 * Pure data.
 */

/** What an error code tells a compliance manager. */
export type ErrorCodeClass = 'recipient' | 'compliance' | 'sender' | 'transient' | 'other';

/** One known error code. */
export interface ErrorCodeInfo {
  /** Plain-language name shown on the dashboard. */
  name: string;
  /** recipient: the number cannot take texts (suppress it); compliance: carriers or Twilio objected; sender: configuration; transient: retry. */
  class: ErrorCodeClass;
}

/** Twilio error codes seen on outbound messages (sync REST errors 21xxx, async delivery errors 30xxx). */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeInfo>> = {
  '21211': { name: 'Invalid recipient number', class: 'recipient' },
  '21408': { name: 'Sending to this country is not enabled', class: 'sender' },
  '21606': { name: 'Sender number cannot send to this destination', class: 'sender' },
  '21610': { name: 'Recipient opted out (replied STOP)', class: 'compliance' },
  '21611': { name: 'Sender queue full', class: 'transient' },
  '21612': { name: 'Recipient not reachable by SMS', class: 'recipient' },
  '21614': { name: 'Recipient is not a mobile number', class: 'recipient' },
  '21617': { name: 'Message longer than 1,600 characters', class: 'other' },
  '30001': { name: 'Queue overflow (sent faster than the number allows)', class: 'transient' },
  '30002': { name: 'Account suspended', class: 'compliance' },
  '30003': { name: 'Unreachable handset', class: 'recipient' },
  '30004': { name: 'Message blocked by the recipient or their carrier', class: 'compliance' },
  '30005': { name: 'Unknown handset (number not in service)', class: 'recipient' },
  '30006': { name: 'Landline or unreachable carrier', class: 'recipient' },
  '30007': { name: 'Carrier filtering (blocked as spam or policy)', class: 'compliance' },
  '30008': { name: 'Unknown carrier error', class: 'transient' },
  '30022': { name: '10DLC throughput limit exceeded', class: 'compliance' },
  '30024': { name: 'Sender ID not provisioned on the carrier', class: 'sender' },
  '30032': { name: 'Toll-free number not verified', class: 'compliance' },
  '30034': { name: 'Unregistered 10DLC number', class: 'compliance' },
  '30035': { name: '10DLC number still being configured', class: 'sender' },
};

/** The plain-language name of an error code; unknown codes are named by their number. */
export function errorCodeName(code: string): string {
  return ERROR_CODES[code]?.name ?? `Error ${code}`;
}
