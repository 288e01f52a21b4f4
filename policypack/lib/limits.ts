// Defaults shared by the rules that enforce them and the components that must stay inside them.
// A component that used a bigger number than the pack allows would build a violation; keeping
// both on these constants makes that impossible by construction.

/** Vault token TTL ceiling (seconds): tokens, auth roles' `tokenTtl`. */
export const MAX_TOKEN_TTL_SECONDS = 3600;
/** Vault token max-TTL ceiling (seconds): auth roles' `tokenMaxTtl`. */
export const MAX_TOKEN_MAX_TTL_SECONDS = 86400;
/** IAM role `maxSessionDuration` ceiling (seconds). */
export const MAX_SESSION_DURATION_SECONDS = 3600;
/** Minimum KMS key deletion window (days). */
export const MIN_KMS_DELETION_WINDOW_DAYS = 30;
/** Largest SQS `maxReceiveCount` before a message counts as retried forever. */
export const MAX_RECEIVE_COUNT = 10;
/** Largest Job `backoffLimit` a sync may use. */
export const MAX_BACKOFF_LIMIT = 6;
