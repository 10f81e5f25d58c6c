/** The one error the plugin's checks throw: the request is answered 503, never let through. */

/**
 * The session could not be checked (store error, or a `timeoutsFor` hook that failed): the request
 * is refused with 503, never treated as valid. `message` is for the log only.
 */
export class SessionCheckError extends Error {
  override readonly name = 'SessionCheckError';
  /** For an application's error handler, when `endSession()` or `regenerate()` rejects. */
  readonly statusCode = 503;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a failure of work on the activity store is thrown as: a {@link SessionCheckError}, so the
 * request is refused with 503, never treated as valid (one already made is kept as it is).
 */
export function storeFailure(error: unknown): SessionCheckError {
  if (error instanceof SessionCheckError) return error;
  return new SessionCheckError(`the session store failed: ${describeError(error)}`);
}
