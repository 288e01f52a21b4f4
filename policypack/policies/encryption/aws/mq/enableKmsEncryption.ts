import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asObject } from "../../../../lib/k8s";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-mq-broker-enable-kms-encryption";
const FIX =
    "set `encryptionOptions.useAwsOwnedKey` to false and `encryptionOptions.kmsKeyId` to a customer-managed KMS key.";

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
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:mq/broker:Broker") {
            return;
        }
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
        if (key.kind === "missing") {
            reportViolation(
                `MQ broker "${args.name}" sets \`encryptionOptions.useAwsOwnedKey\` to false but names no key in \`kmsKeyId\`, so it falls back to the AWS-managed key "alias/aws/mq"; ${FIX}`,
            );
        } else if (key.kind === "aws-managed") {
            reportViolation(
                `MQ broker "${args.name}" encrypts data at rest with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    },
};
