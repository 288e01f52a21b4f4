import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asObject } from "../../../../lib/k8s";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-msk-cluster-enable-kms-encryption";
const FIX = "set `encryptionInfo.encryptionAtRestKmsKeyArn` to a customer-managed KMS key.";

/** Messages retained in Kafka topics are personal data at rest (Article 32(1)(a)). */
export const enableKmsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that MSK clusters encrypt data at rest with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `encryptionInfo.encryptionAtRestKmsKeyArn` to a customer-managed KMS key with rotation enabled.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:msk/cluster:Cluster") {
            return;
        }
        const info = asObject(args.props.encryptionInfo);
        const key = readKeyRef(info.encryptionAtRestKmsKeyArn);
        if (key.kind === "missing") {
            reportViolation(
                `MSK cluster "${args.name}" encrypts data at rest with the AWS-managed key "alias/aws/msk" because \`encryptionInfo.encryptionAtRestKmsKeyArn\` is unset, and this organisation cannot rotate, restrict or audit that key; ${FIX}`,
            );
        } else if (key.kind === "aws-managed") {
            reportViolation(
                `MSK cluster "${args.name}" encrypts data at rest with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    },
};
