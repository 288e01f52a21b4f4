import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { requireCustomerManagedKeyProperty } from "../../../../lib/sharedConfig";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-cloudwatch-eventbus-enable-kms-encryption";
const FIX = "set `kmsKeyIdentifier` to a customer-managed KMS key.";

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Reject AWS-managed key aliases (alias/aws/<service>); false accepts them. */
    requireCustomerManagedKey?: boolean;
}

/** Events archived or in flight on a custom bus carry personal data at rest (Article 32(1)(a)). */
export const enableKmsEncryption: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that custom EventBridge event buses are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `kmsKeyIdentifier` on the event bus to a customer-managed KMS key with rotation enabled.",
    url: ruleUrl(NAME),
    configSchema: { properties: { requireCustomerManagedKey: requireCustomerManagedKeyProperty } },
    validateResource: ofType("aws:cloudwatch/eventBus:EventBus", (args, reportViolation) => {
        if (args.props.name === "default") {
            args.notApplicable("The default event bus cannot be given a customer-managed key.");
        }
        const key = readKeyRef(args.props.kmsKeyIdentifier);
        if (key.kind === "missing") {
            reportViolation(
                `EventBridge bus "${args.name}" is encrypted with an AWS-owned key because \`kmsKeyIdentifier\` is unset, and this organisation cannot rotate, restrict or audit that key; ${FIX}`,
            );
        } else if (
            key.kind === "aws-managed" &&
            (args.getConfig<EnableKmsEncryptionConfig>().requireCustomerManagedKey ?? true)
        ) {
            reportViolation(
                `EventBridge bus "${args.name}" is encrypted with the AWS-managed key "${key.alias}", which this organisation cannot rotate, restrict or audit; ${FIX}`,
            );
        }
    }),
};
