import type { ResourceValidationPolicy } from "@pulumi/policy";
import { batchRuleKind, jobSpec } from "../../../../lib/k8s";
import { MAX_BACKOFF_LIMIT } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "kubernetes-batch-job-configure-backoff-limit";
/** What Kubernetes uses when `backoffLimit` is unset. */
const KUBERNETES_DEFAULT_BACKOFF_LIMIT = 6;

/** Policy config of {@link configureBackoffLimit}. */
export interface ConfigureBackoffLimitConfig {
    /** The largest `backoffLimit` a sync job may use. */
    maxBackoffLimit?: number;
}

/**
 * A sync that retries without a stated bound replays a half-written batch again and again; an
 * explicit, small `backoffLimit` makes a failure stop and surface (Article 32(1)(c)).
 */
export const configureBackoffLimit: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Jobs and CronJobs set a bounded backoffLimit.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("recoverability", "gdpr-art-32"),
    remediationSteps: `Set \`backoffLimit\` on the job spec to at most ${MAX_BACKOFF_LIMIT}, or build the job with the \`SecureSyncJob\` component.`,
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            maxBackoffLimit: {
                type: "number",
                default: MAX_BACKOFF_LIMIT,
                description: "The largest backoffLimit a sync job may use.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const kind = batchRuleKind(args, ["Job", "CronJob"]);
        if (!kind) {
            return;
        }
        const max =
            args.getConfig<ConfigureBackoffLimitConfig>().maxBackoffLimit ?? MAX_BACKOFF_LIMIT;
        const path =
            kind === "CronJob" ? "spec.jobTemplate.spec.backoffLimit" : "spec.backoffLimit";
        const fix = `set \`${path}\` to at most ${max} (SecureSyncJob does).`;
        const value = jobSpec(args.type, args.props)?.backoffLimit;
        if (value === undefined || value === null) {
            reportViolation(
                `${kind} "${args.name}" leaves \`${path}\` unset (Kubernetes retries ${KUBERNETES_DEFAULT_BACKOFF_LIMIT} times), so a failing sync replays its batch without a bound the team chose; ${fix}`,
            );
        } else if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
            reportViolation(
                `${kind} "${args.name}" \`${path}\` is not a non-negative whole number, so its retries cannot be bounded; ${fix}`,
            );
        } else if (value > max) {
            reportViolation(
                `${kind} "${args.name}" \`${path}\` is ${value}, above the maximum of ${max}, so a failing sync replays its batch over and over; ${fix}`,
            );
        }
    },
};
