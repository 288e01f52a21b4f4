import type { ResourceValidationPolicy } from "@pulumi/policy";
import { MIN_KMS_DELETION_WINDOW_DAYS } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-kms-key-configure-deletion-window";
/** What AWS uses when `deletionWindowInDays` is not set. */
const AWS_DEFAULT_WINDOW_DAYS = 30;

/** Policy config of {@link configureDeletionWindow}. */
export interface ConfigureDeletionWindowConfig {
    /** The shortest deletion window (days) a key may have. */
    minDeletionWindowDays?: number;
}

/**
 * Deleting a key makes every record it encrypted unreadable — lost, not erased on purpose. A long
 * deletion window keeps an accidental or malicious deletion reversible (Article 32(1)(c)).
 */
export const configureDeletionWindow: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that KMS keys have a deletion window of at least the configured minimum.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps: `Set \`deletionWindowInDays\` to at least ${MIN_KMS_DELETION_WINDOW_DAYS} (or the configured minimum).`,
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            minDeletionWindowDays: {
                type: "number",
                default: MIN_KMS_DELETION_WINDOW_DAYS,
                description: "The shortest deletion window (days, 7 to 30) a KMS key may have.",
            },
        },
    },
    validateResource: ofType("aws:kms/key:Key", (args, reportViolation) => {
        const config = args.getConfig<ConfigureDeletionWindowConfig>();
        const min = config.minDeletionWindowDays ?? MIN_KMS_DELETION_WINDOW_DAYS;
        const value = args.props.deletionWindowInDays;
        const fix = `set \`deletionWindowInDays\` to ${min} or more.`;
        if (value === undefined || value === null) {
            if (AWS_DEFAULT_WINDOW_DAYS < min) {
                reportViolation(
                    `KMS key "${args.name}" leaves \`deletionWindowInDays\` unset (AWS uses ${AWS_DEFAULT_WINDOW_DAYS}), below the minimum of ${min} days; ${fix}`,
                );
            }
            return;
        }
        if (typeof value !== "number" || !Number.isFinite(value)) {
            reportViolation(
                `KMS key "${args.name}" has a \`deletionWindowInDays\` that is not a number, so its deletion window cannot be checked; ${fix}`,
            );
            return;
        }
        if (value < min) {
            reportViolation(
                `KMS key "${args.name}" has \`deletionWindowInDays\` ${value}, below the minimum of ${min} days, leaving too little time to undo a deletion that makes every record it encrypted unreadable; ${fix}`,
            );
        }
    }),
};
