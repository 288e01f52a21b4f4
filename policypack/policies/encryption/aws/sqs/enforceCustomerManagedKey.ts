import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { DEFAULT_OUTSIDE_SYNC_PATH_TAGS, matchesTags, readTags } from "../../../../lib/syncPath";
import { outsideSyncPathTagsProperty } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-sqs-queue-enforce-customer-managed-key";

/** Policy config of {@link enforceCustomerManagedKey}. */
export interface EnforceCustomerManagedKeyConfig {
    /** Tags (key to value) that mark a queue as outside the sync path. */
    outsideSyncPathTags?: Record<string, string>;
}

/**
 * Outside the sync path SSE-SQS is tolerated (the mandatory `aws-sqs-queue-enable-kms-encryption`
 * accepts it there), but an AWS-owned key still cannot be rotated, restricted or audited by the
 * organisation, so it is reported as advice.
 */
export const enforceCustomerManagedKey: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that SQS queues outside the sync path use a customer-managed KMS key rather than SSE-SQS.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Replace `sqsManagedSseEnabled: true` with `kmsMasterKeyId` set to a customer-managed KMS key, or build the queue with the `EncryptedQueue` component.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            outsideSyncPathTags: outsideSyncPathTagsProperty,
        },
    },
    validateResource: ofType("aws:sqs/queue:Queue", (args, reportViolation) => {
        if (readKeyRef(args.props.kmsMasterKeyId).kind !== "missing") {
            return;
        }
        if (args.props.sqsManagedSseEnabled !== true) {
            return;
        }
        const config = args.getConfig<EnforceCustomerManagedKeyConfig>();
        const exempt = config.outsideSyncPathTags ?? DEFAULT_OUTSIDE_SYNC_PATH_TAGS;
        if (!matchesTags(readTags(args.props.tags), exempt)) {
            // In the sync path: the mandatory rule owns this case.
            return;
        }
        reportViolation(
            `SQS queue "${args.name}" uses SSE-SQS, an AWS-owned key this organisation cannot rotate, restrict or audit; set \`kmsMasterKeyId\` to a customer-managed key (EncryptedQueue does).`,
        );
    }),
};
