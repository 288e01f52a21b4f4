import type { ResourceValidationPolicy } from "@pulumi/policy";
import { batchRuleKind, workloadKind } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "kubernetes-batch-cronjob-enforce-forbid-concurrency";

/** True for a CronJob (not a patch) that this rule checks. */
function isCronJob(type: string): boolean {
    return workloadKind(type) === "CronJob" && !type.endsWith("Patch");
}

/**
 * Two runs of the same sync at once write the same records twice, in an order nobody can replay;
 * "Replace" kills a run mid-batch. Only "Forbid" keeps a failed run recoverable (Article 32(1)(c)).
 */
export const enforceForbidConcurrency: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that CronJobs forbid concurrent runs.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("recoverability", "gdpr-art-32"),
    remediationSteps:
        'Set `spec.concurrencyPolicy: "Forbid"` on the CronJob, or build it with the `SecureSyncJob` component.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!batchRuleKind(args, ["CronJob"])) {
            return;
        }
        const policy = asObject(args.props.spec).concurrencyPolicy;
        if (policy === "Forbid") {
            return;
        }
        const shown =
            typeof policy === "string" ? `is "${policy}"` : 'is unset (Kubernetes uses "Allow")';
        const why =
            policy === "Replace"
                ? "so a late run kills the one in progress mid-batch"
                : "so two runs of the sync can overlap and write the same records twice";
        reportViolation(
            `CronJob "${args.name}" \`spec.concurrencyPolicy\` ${shown}, ${why}, which cannot be rolled back; set \`spec.concurrencyPolicy: "Forbid"\` (SecureSyncJob does).`,
        );
    },
    // Unambiguous and safe: "Forbid" only skips a run while the previous one is still going.
    // Writes through the props proxy, so unknown values elsewhere in the CronJob are not read.
    remediateResource: (args) => {
        if (!isCronJob(args.type)) {
            return undefined;
        }
        const spec = args.props.spec;
        if (
            spec === null ||
            typeof spec !== "object" ||
            Array.isArray(spec) ||
            spec.concurrencyPolicy === "Forbid"
        ) {
            return undefined;
        }
        spec.concurrencyPolicy = "Forbid";
        return args.props;
    },
};
