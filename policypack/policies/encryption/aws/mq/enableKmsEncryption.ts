import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { requireCustomerManagedKeyProperty } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-mq-broker-enable-kms-encryption";
const FIX =
    "set `encryptionOptions.useAwsOwnedKey` to false and `encryptionOptions.kmsKeyId` to a customer-managed KMS key.";

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Reject AWS-managed key aliases (alias/aws/<service>); false accepts them. */
    requireCustomerManagedKey?: boolean;
}

/** Messages held by a broker are personal data at rest (Article 32(1)(a)). */
export const enableKmsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Amazon MQ brokers encrypt data at rest with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: <customer-managed key> }`.",
    url: ruleUrl(NAME),
    configSchema: { properties: { requireCustomerManagedKey: requireCustomerManagedKeyProperty } },
    validateResource: ofType("aws:mq/broker:Broker", (args, reportViolation) => {
        const options = asObject(args.props.encryptionOptions);
        if (options.useAwsOwnedKey !== false) {
            const shown =
                typeof options.useAwsOwnedKey === "boolean" ? "true" : "unset (defaults to true)";
            reportViolation(
                `MQ broker "${args.name}" encrypts data at rest with an AWS-owned key (\`encryptionOptions.useAwsOwnedKey\` is ${shown}) this organisation cannot control or audit; ${FIX}`,
            );
            return;
        }
        const key = readKeyRef(options.kmsKeyId);
        // Without a key of its own the broker uses the AWS-managed alias/aws/mq.
        if (
            key.kind !== "customer" &&
            !(args.getConfig<EnableKmsEncryptionConfig>().requireCustomerManagedKey ?? true)
        ) {
            return;
        }
        if (key.kind === "missing") {
            reportViolation(
                `MQ broker "${args.name}" sets \`encryptionOptions.useAwsOwnedKey\` to false but names no key in \`kmsKeyId\`, so it falls back to the AWS-managed key "alias/aws/mq"; ${FIX}`,
            );
        } else if (key.kind === "aws-managed") {
            reportViolation(
                `MQ broker "${args.name}" encrypts data at rest with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    }),
};
