import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { requireCustomerManagedKeyProperty } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-kinesis-stream-enable-kms-encryption";
const FIX = 'set `encryptionType` to "KMS" and `kmsKeyId` to a customer-managed KMS key.';

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Reject AWS-managed key aliases (`alias/aws/kinesis`) in `kmsKeyId`. */
    requireCustomerManagedKey?: boolean;
}

/** Records retained in a stream are personal data at rest (Article 32(1)(a)). */
export const enableKmsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Kinesis data streams are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        'Set `encryptionType: "KMS"` and `kmsKeyId` to a customer-managed KMS key with rotation enabled.',
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            requireCustomerManagedKey: requireCustomerManagedKeyProperty,
        },
    },
    validateResource: ofType("aws:kinesis/stream:Stream", (args, reportViolation) => {
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const type = args.props.encryptionType;
        if (type !== "KMS") {
            const shown = typeof type === "string" ? `"${type}"` : "unset";
            reportViolation(
                `Kinesis stream "${args.name}" is not encrypted (\`encryptionType\` is ${shown}), so retained records sit at rest in plaintext; ${FIX}`,
            );
            return;
        }
        const key = readKeyRef(args.props.kmsKeyId);
        if (key.kind === "missing") {
            reportViolation(
                `Kinesis stream "${args.name}" sets \`encryptionType\` to "KMS" but names no key in \`kmsKeyId\`; ${FIX}`,
            );
        } else if (key.kind === "aws-managed" && (config.requireCustomerManagedKey ?? true)) {
            reportViolation(
                `Kinesis stream "${args.name}" is encrypted with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    }),
};
