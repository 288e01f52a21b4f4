import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    allowStatements,
    hasRestrictingCondition,
    principalValues,
    wholeAccountPrincipal,
} from "../../../../lib/iam/document";
import { trustPolicyDocument } from "../../../../lib/iam/locate";
import { describeStatement } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-role-enforce-account-trust-conditions";

/**
 * Trusting a whole account (`arn:aws:iam::<account>:root`) delegates the choice of who assumes the
 * role to every IAM administrator of that account; an `sts:ExternalId` or `aws:PrincipalArn`
 * condition narrows it (Article 25(2)). Advisory: cross-account delegation is sometimes intended.
 */
export const enforceAccountTrustConditions: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that IAM role trust policies that trust a whole account root also require an sts:ExternalId or aws:PrincipalArn condition.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        "Trust the exact role ARN that should assume the role, or add a `StringEquals` condition on `sts:ExternalId` (third parties) or `aws:PrincipalArn` (your own accounts).",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        // An unreadable trust policy is reported once, by aws-iam-role-disallow-public-trust.
        const found = trustPolicyDocument(args.type, args.props);
        for (const { label, statement: s } of allowStatements(args.type, args.name, found)) {
            if (hasRestrictingCondition(s, ["sts:ExternalId", "aws:PrincipalArn"])) {
                continue;
            }
            for (const principal of principalValues(s.principal, "AWS")) {
                const account = wholeAccountPrincipal(principal);
                if (account === undefined) {
                    continue;
                }
                reportViolation(
                    `${label} ${describeStatement(s)} trusts the whole account "${principal}" with no sts:ExternalId or aws:PrincipalArn condition; every administrator of account ${account} could let any of its principals assume the role, so trust the exact role ARN or add one of those conditions.`,
                );
            }
        }
    },
};
