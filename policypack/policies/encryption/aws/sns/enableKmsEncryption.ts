import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    remediationKmsKeyIdProperty,
    requireCustomerManagedKeyProperty,
} from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-sns-topic-enable-kms-encryption";
const FIX = "set `kmsMasterKeyId` to a customer-managed KMS key.";

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Reject AWS-managed key aliases (`alias/aws/sns`) in `kmsMasterKeyId`. */
    requireCustomerManagedKey?: boolean;
    /** The customer-managed key remediation sets on a topic this rule rejects; empty: no remediation. */
    remediationKmsKeyId?: string;
}

/** Messages waiting for delivery in a topic are personal data at rest (Article 32(1)(a)). */
export const enableKmsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that SNS topics are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `kmsMasterKeyId` on the topic to a customer-managed KMS key with rotation enabled.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            requireCustomerManagedKey: requireCustomerManagedKeyProperty,
            remediationKmsKeyId: remediationKmsKeyIdProperty,
        },
    },
    validateResource: ofType("aws:sns/topic:Topic", (args, reportViolation) => {
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const key = readKeyRef(args.props.kmsMasterKeyId);
        if (key.kind === "missing") {
            reportViolation(
                `SNS topic "${args.name}" is not encrypted with a KMS key, so messages awaiting delivery sit at rest unprotected by a key this organisation controls; ${FIX}`,
            );
        } else if (key.kind === "aws-managed" && (config.requireCustomerManagedKey ?? true)) {
            reportViolation(
                `SNS topic "${args.name}" is encrypted with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    }),
    // Remediates what validateResource reports with the configured customer-managed key, and
    // nothing when no key is configured (SNS has no AWS-owned encryption to fall back on).
    remediateResource: (args) => {
        if (args.type !== "aws:sns/topic:Topic") {
            return undefined;
        }
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const key = readKeyRef(args.props.kmsMasterKeyId);
        const rejected =
            key.kind === "missing" ||
            (key.kind === "aws-managed" && (config.requireCustomerManagedKey ?? true));
        const target = readKeyRef(config.remediationKmsKeyId);
        if (!rejected || target.kind !== "customer") {
            return undefined;
        }
        args.props.kmsMasterKeyId = target.value;
        return args.props;
    },
};
