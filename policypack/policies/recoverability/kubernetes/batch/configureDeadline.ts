import type { ResourceValidationPolicy } from "@pulumi/policy";
import { batchRuleKind, jobSpec } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "kubernetes-batch-job-configure-deadline";

function isPositive(value: unknown): boolean {
    return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/**
 * A sync that can run forever holds its batch half-written with no point to roll back from: a Job
 * sets `activeDeadlineSeconds`; a CronJob sets it on its job template or sets
 * `startingDeadlineSeconds` (Article 32(1)(c)).
 */
export const configureDeadline: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Jobs and CronJobs set activeDeadlineSeconds or startingDeadlineSeconds.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("recoverability", "gdpr-art-32"),
    remediationSteps:
        "Set `activeDeadlineSeconds` on the job spec (or `startingDeadlineSeconds` on a CronJob), or build the job with the `SecureSyncJob` component.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const kind = batchRuleKind(args, ["Job", "CronJob"]);
        if (!kind) {
            return;
        }
        if (isPositive(jobSpec(args.type, args.props)?.activeDeadlineSeconds)) {
            return;
        }
        if (kind === "CronJob") {
            if (isPositive(asObject(args.props.spec).startingDeadlineSeconds)) {
                return;
            }
            reportViolation(
                `CronJob "${args.name}" sets neither \`spec.jobTemplate.spec.activeDeadlineSeconds\` nor \`spec.startingDeadlineSeconds\` to a positive number, so a stuck sync can run or start at any time and hold its batch half-written; set \`spec.jobTemplate.spec.activeDeadlineSeconds\` (SecureSyncJob does).`,
            );
            return;
        }
        reportViolation(
            `Job "${args.name}" does not set \`spec.activeDeadlineSeconds\` to a positive number, so a stuck sync can run forever and hold its batch half-written; set \`spec.activeDeadlineSeconds\` (SecureSyncJob does).`,
        );
    },
};
