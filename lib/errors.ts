// Errors whose messages are written for users and reach them as written. Anything that
// is not an AppError is reported as a generic failure with a request id.

export type ErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited";

const statusByCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }
}

export const notFound = (what = "Not found.") => new AppError("not_found", what);
export const forbidden = (message = "Your role does not allow this action.") =>
  new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);
export const invalid = (message: string, fields?: Record<string, string>) =>
  new AppError("invalid_request", message, fields);
export const unprocessable = (message: string, fields?: Record<string, string>) =>
  new AppError("unprocessable", message, fields);

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && "code" in error;
}

/** PostgreSQL unique violation; adapters disagree on metadata, the code is stable. */
export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? "") + String(error);
  return text.includes("P2002") || text.includes("23505");
}
