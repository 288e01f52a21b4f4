// What makes a resource part of a "sync path", shared by rules and components.

/** The label (on a Job/CronJob and its pod template) that marks a workload as a data sync job. */
export const SYNC_JOB_LABEL = "gdpr-guard.io/sync-job";
/** The value of {@link SYNC_JOB_LABEL} that marks a sync job. */
export const SYNC_JOB_LABEL_VALUE = "true";
/** Tag / label keys that record who owns the personal data and what category it is (Article 30). */
export const DEFAULT_OWNERSHIP_LABELS = ["data-owner", "data-category"] as const;

/** True when Kubernetes labels mark a workload as a sync job. */
export function isSyncJobLabelled(labels: unknown): boolean {
    return (
        labels !== null &&
        typeof labels === "object" &&
        (labels as Record<string, unknown>)[SYNC_JOB_LABEL] === SYNC_JOB_LABEL_VALUE
    );
}
