import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    allowSqsManagedSseProperty,
    outsideSyncPathTagsProperty,
    remediationKmsKeyIdProperty,
    requireCustomerManagedKeyProperty,
} from "../../../../lib/sharedConfig";
import { DEFAULT_OUTSIDE_SYNC_PATH_TAGS, matchesTags, readTags } from "../../../../lib/syncPath";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-sqs-queue-enable-kms-encryption";
const FIX = "set `kmsMasterKeyId` to a customer-managed key (EncryptedQueue does).";

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Accept SSE-SQS (`sqsManagedSseEnabled: true`) in place of a customer-managed KMS key, on every queue. */
    allowSqsManagedSse?: boolean;
    /** Reject AWS-managed key aliases (`alias/aws/sqs`) in `kmsMasterKeyId`. */
    requireCustomerManagedKey?: boolean;
    /**
     * Tags that mark a queue as outside the sync path: such a queue may use SSE-SQS (the advisory
     * `aws-sqs-queue-enforce-customer-managed-key` still reports it). Empty: every queue is in the sync path.
     */
    outsideSyncPathTags?: Record<string, string>;
    /** The customer-managed key remediation sets on an unencrypted queue; empty: SSE-SQS where allowed, else nothing. */
    remediationKmsKeyId?: string;
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
            allowSqsManagedSse: allowSqsManagedSseProperty,
            requireCustomerManagedKey: requireCustomerManagedKeyProperty,
            outsideSyncPathTags: outsideSyncPathTagsProperty,
            remediationKmsKeyId: remediationKmsKeyIdProperty,
        },
    },
    validateResource: ofType("aws:sqs/queue:Queue", (args, reportViolation) => {
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const requireCmk = config.requireCustomerManagedKey ?? true;
        const key = readKeyRef(args.props.kmsMasterKeyId);
        if (key.kind === "customer") {
            return;
        }
        if (key.kind === "aws-managed") {
            if (requireCmk) {
                reportViolation(
                    `SQS queue "${args.name}" is encrypted with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
                );
            }
            return;
        }
        const sse = args.props.sqsManagedSseEnabled;
        if (sse === true) {
            if (config.allowSqsManagedSse === true) {
                return;
            }
            const exempt = config.outsideSyncPathTags ?? DEFAULT_OUTSIDE_SYNC_PATH_TAGS;
            if (matchesTags(readTags(args.props.tags), exempt)) {
                return;
            }
        }
        const why =
            sse === true
                ? "uses SSE-SQS, an AWS-owned key this organisation cannot control or audit"
                : sse === false
                  ? "sets `sqsManagedSseEnabled: false` and has no KMS key, so queued personal data sits at rest in plaintext"
                  : "is not encrypted with a KMS key, so queued personal data sits at rest in plaintext";
        reportViolation(`SQS queue "${args.name}" ${why}; ${FIX}`);
    }),
    // Remediates exactly what validateResource reports: the configured customer-managed key, or
    // (no key configured) SSE-SQS where `allowSqsManagedSse` accepts it. Writes through the props
    // proxy, so unknown values elsewhere in the queue are not read.
    remediateResource: (args) => {
        if (args.type !== "aws:sqs/queue:Queue") {
            return undefined;
        }
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const key = readKeyRef(args.props.kmsMasterKeyId);
        if (
            key.kind === "customer" ||
            (key.kind === "aws-managed" && !(config.requireCustomerManagedKey ?? true))
        ) {
            return undefined;
        }
        const sse = key.kind === "missing" ? args.props.sqsManagedSseEnabled : undefined;
        if (
            sse === true &&
            (config.allowSqsManagedSse === true ||
                matchesTags(
                    readTags(args.props.tags),
                    config.outsideSyncPathTags ?? DEFAULT_OUTSIDE_SYNC_PATH_TAGS,
                ))
        ) {
            return undefined;
        }
        const target = readKeyRef(config.remediationKmsKeyId);
        if (target.kind === "customer") {
            args.props.kmsMasterKeyId = target.value;
            if (sse !== undefined) {
                // SSE-SQS and a KMS key exclude each other.
                delete args.props.sqsManagedSseEnabled;
            }
            return args.props;
        }
        if (key.kind === "missing" && config.allowSqsManagedSse === true) {
            args.props.sqsManagedSseEnabled = true;
            return args.props;
        }
        return undefined;
    },
};
