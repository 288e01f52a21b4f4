import type { ResourceValidationPolicy } from "@pulumi/policy";
import { iamPatternMatches } from "../../../../lib/iam/actions";
import { allowStatements } from "../../../../lib/iam/document";
import { identityPolicyDocuments } from "../../../../lib/iam/locate";
import { describeStatement, quoteList } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-policy-disallow-privilege-escalation";

/**
 * Actions that let a principal give itself (or a principal it controls) more permissions, from
 * Rhino Security Labs' AWS privilege-escalation methods and Cloudsplaining's privilege-escalation
 * checks. This is not a list of what is "write": it is the list of escalation *paths*, which
 * action data cannot tell. Each is matched against the statement's patterns with IAM wildcard
 * semantics, so `*`, `iam:*` or `iam:Put*` are caught too.
 */
export const ESCALATION_ACTIONS: readonly string[] = [
    "iam:AddUserToGroup",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreatePolicyVersion",
    "iam:CreateServiceSpecificCredential",
    "iam:PassRole",
    "iam:PutGroupPolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
    "iam:PutUserPermissionsBoundary",
    "iam:PutUserPolicy",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateLoginProfile",
    "sts:AssumeRole",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "glue:UpdateDevEndpoint",
    "ssm:SendCommand",
    "ssm:StartSession",
    "ec2-instance-connect:SendSSHPublicKey",
    "cloudformation:UpdateStack",
    "codestar:CreateProjectFromTemplate",
];

/** `*`, or an ARN whose name part is a bare wildcard (`arn:aws:iam::111122223333:role/*`). */
function isUnscoped(resource: string): boolean {
    const r = resource.trim();
    return r === "*" || /[:/]\*$/.test(r);
}

/**
 * Privilege escalation is the shortest way from a leaked sync credential to every record in the
 * account (Article 32(1)(b)): escalation actions are allowed only on named ARNs.
 */
export const disallowPrivilegeEscalation: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that IAM identity policies do not allow privilege-escalation actions (iam:PassRole, iam:PutRolePolicy, sts:AssumeRole …) on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove the escalation actions, or scope `Resource` to the exact role / user / policy ARNs the job must act on (never `*` or `…:role/*`); the `LeastPrivilegeRole` component grants none of them.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        // An unreadable document is reported once, by aws-iam-policy-disallow-wildcard-actions.
        const found = identityPolicyDocuments(args.type, args.props);
        for (const { label, statement: s } of allowStatements(args.type, args.name, found)) {
            if (s.actions === undefined) {
                continue;
            }
            const wide =
                s.notResources !== undefined
                    ? `every resource except NotResource ${quoteList(s.notResources)}`
                    : (s.resources ?? []).filter(isUnscoped).length > 0
                      ? `Resource ${quoteList((s.resources ?? []).filter(isUnscoped))}`
                      : undefined;
            if (wide === undefined) {
                continue;
            }
            // Match the (short) escalation list against the statement's patterns: no expansion of
            // `*` into twenty thousand actions needed.
            const patterns = s.actions;
            const escalating = ESCALATION_ACTIONS.filter((a) =>
                patterns.some((p) => iamPatternMatches(p.trim(), a)),
            );
            if (escalating.length === 0) {
                continue;
            }
            reportViolation(
                `${label} ${describeStatement(s)} allows privilege-escalation ${escalating.length === 1 ? "action" : "actions"} ${quoteList(escalating)} on ${wide}; with ${escalating.length === 1 ? "it" : "them"} a leaked sync credential can grant itself more access, so drop ${escalating.length === 1 ? "it" : "them"} or name the exact ARNs ${escalating.length === 1 ? "it applies" : "they apply"} to (LeastPrivilegeRole grants none).`,
            );
        }
    },
};
