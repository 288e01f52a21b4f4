import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-iam-userloginprofile-disallow-console-passwords";

/** A console password for a sync identity is a static secret a person can log in with. */
export const disallowConsolePasswords: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that no IAM user gets a console login password in a sync stack.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Delete the `aws.iam.UserLoginProfile`; sync workloads assume a role through IRSA or get short-lived credentials from Vault's AWS secrets engine, and people sign in through SSO.",
    url: ruleUrl(NAME),
    validateResource: ofType(
        "aws:iam/userLoginProfile:UserLoginProfile",
        (args, reportViolation) => {
            reportViolation(
                `Login profile "${args.name}" gives an IAM user a long-lived console password and should not exist in a sync stack; use a role assumed through IRSA (LeastPrivilegeRole does) or Vault's AWS secrets engine.`,
            );
        },
    ),
};
