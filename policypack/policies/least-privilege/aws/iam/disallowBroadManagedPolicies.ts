import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-attachment-disallow-broad-managed-policies";

/** Policy config of {@link disallowBroadManagedPolicies}. */
export interface DisallowBroadManagedPoliciesConfig {
    /** AWS-managed policy names (e.g. `AmazonSQSFullAccess`) accepted despite matching the broad patterns. */
    allowedPolicyNames?: string[];
}

// AWS-managed policies: arn:<partition>:iam::aws:policy/[path/]<Name>.
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/i;
const BROAD_NAMES = new Set(["administratoraccess", "poweruseraccess", "iamfullaccess"]);

/** Why an AWS-managed policy ARN is too broad, or undefined when it is not. */
function broadness(arn: string, allowed: Set<string>): string | undefined {
    const m = AWS_MANAGED.exec(arn.trim());
    if (!m || allowed.has(m[1].toLowerCase())) {
        return undefined;
    }
    const name = m[1].toLowerCase();
    if (BROAD_NAMES.has(name)) {
        return name === "iamfullaccess"
            ? "grants full control of IAM"
            : "grants (nearly) every action in the account";
    }
    if (name.endsWith("fullaccess")) {
        return "grants every action of its service on every resource";
    }
    return undefined;
}

/** Attachment types: how messages name them, and the input holding the policy ARN. */
const ATTACHMENTS: Record<string, { label: string; prop: string }> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        label: "IAM role policy attachment",
        prop: "policyArn",
    },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": {
        label: "IAM user policy attachment",
        prop: "policyArn",
    },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
        label: "IAM group policy attachment",
        prop: "policyArn",
    },
    "aws:iam/policyAttachment:PolicyAttachment": {
        label: "IAM policy attachment",
        prop: "policyArn",
    },
    // A permission set's AWS-managed policy reaches every account the set is assigned to; its
    // customer-managed policy attachments name policies by name and path, judged where they are defined.
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": {
        label: "IAM Identity Center managed policy attachment",
        prop: "managedPolicyArn",
    },
};

/**
 * AWS-managed "full access" policies grant whole services on every resource (Article 25(2)): a sync
 * job gets a policy written for it instead. The same holds for IAM Identity Center permission sets,
 * whose managed policies reach every account a set is assigned to; their customer-managed policy
 * attachments are left to the rules that read those policies where they are defined.
 */
export const disallowBroadManagedPolicies: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that no role, user, group or Identity Center permission set has AdministratorAccess, PowerUserAccess, IAMFullAccess or any other AWS-managed *FullAccess policy attached.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        "Detach the AWS-managed policy and attach a policy that lists only the actions and ARNs the job uses, or build the role with the `LeastPrivilegeRole` component.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowedPolicyNames: {
                type: "array",
                items: { type: "string" },
                default: [],
                description:
                    "AWS-managed policy names accepted despite matching the broad patterns (e.g. a read-only audit role's policy).",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const config = args.getConfig<DisallowBroadManagedPoliciesConfig>();
        const allowed = new Set(
            (Array.isArray(config.allowedPolicyNames) ? config.allowedPolicyNames : [])
                .filter((n): n is string => typeof n === "string")
                .map((n) => n.toLowerCase()),
        );
        const fix =
            "attach a policy that lists only the actions and ARNs the job uses instead (LeastPrivilegeRole does).";
        const attachment = ATTACHMENTS[args.type];
        if (attachment !== undefined) {
            const arn = args.props[attachment.prop];
            const why = typeof arn === "string" ? broadness(arn, allowed) : undefined;
            if (why) {
                reportViolation(
                    `${attachment.label} "${args.name}" attaches "${arn}", which ${why}; a sync job should hold only what it needs, so ${fix}`,
                );
            }
            return;
        }
        if (args.type === "aws:iam/role:Role") {
            const arns = args.props.managedPolicyArns;
            if (!Array.isArray(arns)) {
                return;
            }
            arns.forEach((arn: unknown, i: number) => {
                const why = typeof arn === "string" ? broadness(arn, allowed) : undefined;
                if (why) {
                    reportViolation(
                        `IAM role "${args.name}" managedPolicyArns[${i}] is "${arn}", which ${why}; a sync job should hold only what it needs, so ${fix}`,
                    );
                }
            });
        }
    },
};
