export const APP_ERROR_CODES = [
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** An expected request failure with a closed set of codes, mapped to HTTP in one place. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: readonly FieldProblem[];

  constructor(
    code: AppErrorCode,
    message: string,
    options: { cause?: unknown; fields?: FieldProblem[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields ?? [];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
