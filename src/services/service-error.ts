// Errors a use case raises on purpose. Front doors map the kind to their own vocabulary (HTTP status, CLI
// message); anything else thrown is a bug and surfaces as a 500.
export type ServiceErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited';

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    /** Field-level detail for bad_request: field name → message. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
