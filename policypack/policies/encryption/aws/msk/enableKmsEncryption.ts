import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { requireCustomerManagedKeyProperty } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-msk-cluster-enable-kms-encryption";
const FIX = "set `encryptionInfo.encryptionAtRestKmsKeyArn` to a customer-managed KMS key.";

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Reject AWS-managed key aliases (alias/aws/<service>); false accepts them. */
    requireCustomerManagedKey?: boolean;
}

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
    configSchema: { properties: { requireCustomerManagedKey: requireCustomerManagedKeyProperty } },
    validateResource: ofType("aws:msk/cluster:Cluster", (args, reportViolation) => {
        const info = asObject(args.props.encryptionInfo);
        const key = readKeyRef(info.encryptionAtRestKmsKeyArn);
        const requireCmk =
            args.getConfig<EnableKmsEncryptionConfig>().requireCustomerManagedKey ?? true;
        if (!requireCmk) {
            return;
        }
        if (key.kind === "missing") {
            reportViolation(
                `MSK cluster "${args.name}" encrypts data at rest with the AWS-managed key "alias/aws/msk" because \`encryptionInfo.encryptionAtRestKmsKeyArn\` is unset, and this organisation cannot rotate, restrict or audit that key; ${FIX}`,
            );
        } else if (key.kind === "aws-managed") {
            reportViolation(
                `MSK cluster "${args.name}" encrypts data at rest with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    }),
};
