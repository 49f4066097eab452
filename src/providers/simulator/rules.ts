import { checkContent } from '../../core/content/index.js';

/**
 * What the simulated carrier network does with one send, decided only by the numbers, the body and
 * the attempt (STYLE.md §9: deterministic per number). Codes and their synchronous/asynchronous
 * surfacing follow Twilio's error dictionary (https://www.twilio.com/docs/api/errors).
 */
export type SimulatedOutcome =
  | { kind: 'reject'; code: string; message: string }
  | { kind: 'transient'; message: string; retryAfterMs?: number }
  | { kind: 'hang' }
  | { kind: 'deliver'; reply?: string }
  | { kind: 'fail'; status: 'undelivered' | 'failed'; errorCode: string; sent: boolean };

/** Inputs of a rule: `attempt` is 1 for the first send of a message id. */
export interface SimulationInput {
  to: string;
  from: string;
  body: string;
  attempt: number;
  registered: boolean;
}

/** One documented number rule: a to-number suffix and what it does. */
export interface NumberRule {
  suffix: string;
  description: string;
  outcome(input: SimulationInput): SimulatedOutcome;
}

/**
 * The to-number rules, checked in order (the first matching suffix wins). docs/providers.md lists them;
 * keep the two in step.
 */
export const NUMBER_RULES: readonly NumberRule[] = [
  {
    suffix: '0001',
    description: 'rejected at send with 21211 (invalid To number)',
    outcome: (i) => ({ kind: 'reject', code: '21211', message: `The 'To' number ${i.to} is not a valid phone number.` }),
  },
  {
    suffix: '21610',
    description: 'rejected at send with 21610 (recipient unsubscribed at the provider)',
    outcome: () => ({ kind: 'reject', code: '21610', message: 'Attempt to send to unsubscribed recipient' }),
  },
  {
    suffix: '0002',
    description: 'transient (HTTP 503) on the first attempt, then delivered',
    outcome: (i) => (i.attempt <= 1 ? { kind: 'transient', message: 'simulated HTTP 503 Service Unavailable' } : { kind: 'deliver' }),
  },
  {
    suffix: '0004',
    description: 'transient on every attempt (HTTP 429 with Retry-After: 1)',
    outcome: () => ({ kind: 'transient', message: 'simulated HTTP 429 Too Many Requests (20429)', retryAfterMs: 1000 }),
  },
  {
    suffix: '0008',
    description: 'the send never answers until its AbortSignal fires (a provider timeout), then ambiguous',
    outcome: () => ({ kind: 'hang' }),
  },
  {
    suffix: '0003',
    description: 'accepted, sent, then undelivered 30003 (unreachable handset)',
    outcome: () => ({ kind: 'fail', status: 'undelivered', errorCode: '30003', sent: true }),
  },
  {
    suffix: '0005',
    description: 'accepted, sent, then undelivered 30005 (unknown handset)',
    outcome: () => ({ kind: 'fail', status: 'undelivered', errorCode: '30005', sent: true }),
  },
  {
    suffix: '0006',
    description: 'accepted, sent, then failed 30006 (landline or unreachable carrier)',
    outcome: () => ({ kind: 'fail', status: 'failed', errorCode: '30006', sent: true }),
  },
  {
    suffix: '0007',
    description: 'accepted, sent, then undelivered 30007 (carrier filtering)',
    outcome: () => ({ kind: 'fail', status: 'undelivered', errorCode: '30007', sent: true }),
  },
  {
    suffix: '0777',
    description: 'delivered; the recipient then replies "STOP" (once per sender number)',
    outcome: () => ({ kind: 'deliver', reply: 'STOP' }),
  },
];

/** Content the core blocks as SHAFT or cannabis (CTIA §5.3; Twilio 30007 "Message filtered"); warnings pass. */
export function isCarrierFiltered(body: string): boolean {
  return checkContent(body).some(
    (r) => r.severity === 'block' && (r.code === 'content.cannabis' || r.code.startsWith('content.shaft.')),
  );
}

/** Digits of a number, so `+1 (555) 010-0001` and `+15550100001` match the same rules. */
function digitsOf(phone: string): string {
  return phone.replace(/\D+/g, '');
}

/** The rule a to-number falls under, if any. */
export function findNumberRule(to: string): NumberRule | undefined {
  const digits = digitsOf(to);
  return NUMBER_RULES.find((r) => digits.endsWith(r.suffix));
}

/**
 * Decides the fate of one send. Order: the to-number's synchronous rules (rejects, transients, hang),
 * then sender registration (failed 30034, as Twilio fails unregistered 10DLC traffic after accepting
 * it), then carrier content filtering (undelivered 30007), then the handset rules; else delivered.
 */
export function simulateSend(input: SimulationInput): SimulatedOutcome {
  const rule = findNumberRule(input.to);
  const byNumber = rule?.outcome(input);
  if (byNumber !== undefined && (byNumber.kind === 'reject' || byNumber.kind === 'transient' || byNumber.kind === 'hang')) {
    return byNumber;
  }
  if (!input.registered) {
    return { kind: 'fail', status: 'failed', errorCode: '30034', sent: false };
  }
  if (isCarrierFiltered(input.body)) {
    return { kind: 'fail', status: 'undelivered', errorCode: '30007', sent: true };
  }
  return byNumber ?? { kind: 'deliver' };
}
