/**
 * Every error code a client can see, in the `error` field of an HTTP answer and of `--json` CLI
 * output, with its HTTP status and CLI exit code. docs/api.md documents each one (when it happens
 * and what to do); test/docs/catalogues.test.ts keeps the two in step.
 */

/** The coarse class of a code: how adapters with their own error vocabulary (Twilio) map it. */
export type ErrorKind = 'invalid' | 'config' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'media-type' | 'rate-limited' | 'internal';

export interface ErrorEntry {
  readonly status: number;
  /** The CLI's exit code; null for codes only the HTTP server raises. */
  readonly exit: number | null;
  readonly kind: ErrorKind;
}

export const ERROR_CATALOGUE = {
  INVALID_INPUT: { status: 400, exit: 2, kind: 'invalid' },
  INVALID_PHONE: { status: 400, exit: 2, kind: 'invalid' },
  NUMBER_NOT_ON_PROVIDER: { status: 400, exit: 2, kind: 'invalid' },
  INVALID_JSON: { status: 400, exit: null, kind: 'invalid' },
  INVALID_CONFIG: { status: 400, exit: 2, kind: 'config' },
  DATA_DIR_IN_USE: { status: 400, exit: 2, kind: 'config' },
  PORT_UNAVAILABLE: { status: 400, exit: 2, kind: 'config' },
  UNAUTHORIZED: { status: 401, exit: 2, kind: 'unauthorized' },
  FORBIDDEN: { status: 403, exit: null, kind: 'forbidden' },
  NOT_FOUND: { status: 404, exit: 2, kind: 'not-found' },
  IDEMPOTENCY_CONFLICT: { status: 409, exit: 2, kind: 'conflict' },
  NUMBER_OWNED_ELSEWHERE: { status: 409, exit: 2, kind: 'conflict' },
  ACCOUNT_NAME_TAKEN: { status: 409, exit: 2, kind: 'conflict' },
  CONTACT_RECORD_INVALID: { status: 409, exit: 2, kind: 'conflict' },
  MESSAGE_NOT_CANCELABLE: { status: 409, exit: 2, kind: 'conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: null, kind: 'too-large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: null, kind: 'media-type' },
  RATE_LIMITED: { status: 429, exit: 2, kind: 'rate-limited' },
  INTERNAL: { status: 500, exit: 1, kind: 'internal' },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
