import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-user-disallow-user-policies";

/**
 * Permissions belong to roles a job assumes, not to long-lived users (Article 25(2)); the users
 * themselves are the secrets family's concern. Advisory: migrating users off takes time.
 */
export const disallowUserPolicies: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that no IAM policy is attached directly to an IAM user.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        "Move the permissions to a role the job assumes (through IRSA or Vault's AWS secrets engine) and delete the user's policies; `LeastPrivilegeRole` builds that role.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const fix =
            "permissions should belong to a role the job assumes with short-lived credentials, so move them to one (LeastPrivilegeRole builds it).";
        switch (args.type) {
            case "aws:iam/userPolicy:UserPolicy":
                // Neither the user nor the policy is read: both are often unknown during preview, and the
                // offence is the resource's existence.
                reportViolation(
                    `IAM user policy "${args.name}" is an inline policy attached directly to an IAM user; ${fix}`,
                );
                return;
            case "aws:iam/userPolicyAttachment:UserPolicyAttachment":
                reportViolation(
                    `IAM user policy attachment "${args.name}" attaches a policy directly to an IAM user; ${fix}`,
                );
                return;
            case "aws:iam/policyAttachment:PolicyAttachment": {
                const users = args.props.users;
                if (Array.isArray(users) && users.length > 0) {
                    reportViolation(
                        `IAM policy attachment "${args.name}" attaches a policy directly to ${users.length === 1 ? "an IAM user" : `${users.length} IAM users`}; ${fix}`,
                    );
                }
                return;
            }
            default:
                return;
        }
    },
};
