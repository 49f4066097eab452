import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode, type ErrorKind } from './error-catalogue.js';

/** Errors a caller can fix (bad input, bad config); everything else is a bug or an outage. */
export type UserErrorCode = Exclude<ErrorCode, 'INTERNAL'>;
export const USER_ERROR_CODES: readonly UserErrorCode[] = ERROR_CODES.filter((c): c is UserErrorCode => c !== 'INTERNAL');

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    options?: ErrorOptions & { field?: string },
  ) {
    super(message, options);
    this.field = options?.field;
  }
  /** The input field at fault, as a JSON-pointer-like path (`message.to`), when there is one. */
  readonly field: string | undefined;
  /** The coarse class of `code` (conflict, not-found, …), for adapters that map classes, not codes. */
  get kind(): ErrorKind {
    return ERROR_CATALOGUE[this.code].kind;
  }
}

export function httpStatus(code: UserErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

/** Normalise a thrown value once. */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
