import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-iam-accesskey-disallow-long-lived-keys";

/**
 * An IAM access key lives until someone deletes it; once copied to a laptop or a CI log it opens
 * the account to anyone (Articles 25 and 32). Sync jobs assume a role instead.
 */
export const disallowLongLivedKeys: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that no long-lived IAM access key is created for a user.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Delete the `aws.iam.AccessKey`; give the workload an IAM role assumed through IRSA (SecureSyncJob with LeastPrivilegeRole does) or short-lived credentials from Vault's AWS secrets engine.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:iam/accessKey:AccessKey", (args, reportViolation) => {
        // The user is not read: it is often unknown during preview, and the key is rejected whoever owns it.
        reportViolation(
            `IAM access key "${args.name}" is a long-lived credential and should not exist; assume a role through IRSA (SecureSyncJob with LeastPrivilegeRole does) or issue short-lived keys from Vault's AWS secrets engine.`,
        );
    }),
};
