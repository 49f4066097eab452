/** Errors a caller can fix (bad input, bad config); everything else is a bug or an outage. */
export const USER_ERROR_CODES = ['INVALID_INPUT', 'INVALID_CONFIG', 'NOT_FOUND', 'CONFLICT', 'UNAUTHORIZED', 'RATE_LIMITED'] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

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
}

export const HTTP_STATUS: Record<UserErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_CONFIG: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** Normalise a thrown value once. */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
