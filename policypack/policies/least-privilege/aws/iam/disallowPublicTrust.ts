import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    allowStatements,
    hasRestrictingCondition,
    isPublicPrincipal,
} from "../../../../lib/iam/document";
import { trustPolicyDocument } from "../../../../lib/iam/locate";
import { describeStatement } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-role-disallow-public-trust";

/**
 * A role anyone can assume is a role anyone holds (Article 32(1)(b)): a trust policy never allows
 * `Principal: "*"` or `{"AWS": "*"}` unless a condition pins the organisation, account or principal.
 */
export const disallowPublicTrust: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that IAM role trust policies do not let any principal ("*") assume the role without an organisation, account or principal condition.',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Name the exact principal (a role ARN, a service such as `ec2.amazonaws.com`, or the cluster's OIDC provider) in `Principal`, or add an `aws:PrincipalOrgID` / `aws:PrincipalArn` condition; `LeastPrivilegeRole` writes an IRSA trust policy pinned to one service account.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const found = trustPolicyDocument(args.type, args.props);
        const statements = allowStatements(args.type, args.name, found, reportViolation);
        for (const { label, statement: s } of statements) {
            if (!isPublicPrincipal(s.principal) || hasRestrictingCondition(s)) {
                continue;
            }
            const shown = s.principal === "*" ? '"*"' : JSON.stringify(s.principal);
            reportViolation(
                `${label} ${describeStatement(s)} lets Principal ${shown} assume the role with no aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn condition; anyone with an AWS account could then act as the sync job, so name the exact principal that should assume it (LeastPrivilegeRole does).`,
            );
        }
    },
};
