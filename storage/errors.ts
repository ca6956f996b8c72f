/** A conditional write lost: the item changed or vanished since it was read. */
export class EtagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';

  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}
