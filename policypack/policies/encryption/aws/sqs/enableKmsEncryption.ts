import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-sqs-queue-enable-kms-encryption";

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Accept SSE-SQS (`sqsManagedSseEnabled: true`) in place of a customer-managed KMS key. */
    allowSqsManagedSse?: boolean;
}

/**
 * Personal data waiting in a queue is personal data at rest (Article 32(1)(a)): every SQS queue is
 * encrypted with a KMS key the organisation controls.
 */
export const enableKmsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that SQS queues are encrypted with a KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `kmsMasterKeyId` to a customer-managed KMS key with rotation enabled, or build the queue with the `EncryptedQueue` component.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowSqsManagedSse: {
                type: "boolean",
                default: false,
                description:
                    "Accept SSE-SQS (an AWS-owned key) instead of a customer-managed KMS key.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:sqs/queue:Queue") {
            return;
        }
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const key = args.props.kmsMasterKeyId;
        if (typeof key === "string" && key.trim() !== "") {
            return;
        }
        if (args.props.sqsManagedSseEnabled === true && config.allowSqsManagedSse === true) {
            return;
        }
        const why =
            args.props.sqsManagedSseEnabled === true
                ? "uses SSE-SQS, an AWS-owned key this organisation cannot control or audit"
                : "is not encrypted with a KMS key, so queued personal data sits at rest in plaintext";
        reportViolation(
            `SQS queue "${args.name}" ${why}; set \`kmsMasterKeyId\` to a customer-managed key (EncryptedQueue does).`,
        );
    },
};
