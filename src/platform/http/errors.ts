/** Errors with a stable code; the error handler turns each into a page in the user's language. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** i18n key of the message shown to the user. */
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey = 'error.notFound.text') {
    super(404, 'not_found', messageKey);
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey = 'error.forbidden.text') {
    super(403, 'forbidden', messageKey);
  }
}

/** Raised when a page needs a signed-in person; HTML requests are sent to the sign-in page. */
export class SignInRequiredError extends AppError {
  constructor() {
    super(401, 'sign_in_required', 'error.signInRequired.text');
  }
}

export class BadRequestError extends AppError {
  constructor(messageKey = 'error.badRequest.text', params: Record<string, string | number> = {}) {
    super(400, 'bad_request', messageKey, params);
  }
}

export class ConflictError extends AppError {
  constructor(messageKey: string, params: Record<string, string | number> = {}) {
    super(409, 'conflict', messageKey, params);
  }
}

export class RateLimitedError extends AppError {
  constructor() {
    super(429, 'rate_limited', 'error.rateLimited.text');
  }
}
