import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    allowStatements,
    hasRestrictingCondition,
    isPublicPrincipal,
} from "../../../../lib/iam/document";
import { resourcePolicyDocument } from "../../../../lib/iam/locate";
import { describeStatement, quoteList } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-resourcepolicy-disallow-public-principals";

/**
 * A queue, topic, bucket or key that anyone may use exposes the personal data in it (Article 32):
 * resource policies allow `Principal: "*"` only with an `aws:SourceArn`, `aws:SourceAccount` or
 * `aws:PrincipalOrgID`-style condition. `Resource: "*"` in a KMS key policy means "this key" and is
 * not an offence here.
 */
export const disallowPublicPrincipals: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that SQS, SNS, S3 and KMS resource policies do not allow Principal "*" without a source or organisation condition.',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Name the principals (role ARNs or services) that use the resource, or add an `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID` condition; `EncryptedQueue` writes such a queue policy.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const found = resourcePolicyDocument(args.type, args.props);
        const statements = allowStatements(args.type, args.name, found, reportViolation);
        for (const { label, statement: s } of statements) {
            if (!isPublicPrincipal(s.principal) || hasRestrictingCondition(s)) {
                continue;
            }
            const actions =
                s.actions ?? (s.notActions ? [`everything but ${quoteList(s.notActions)}`] : []);
            reportViolation(
                `${label} ${describeStatement(s)} allows Principal "*" to ${s.actions ? `call ${quoteList(actions)}` : `call ${actions[0]}`} with no aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition; anyone could then reach the personal data it holds, so name the principals that use it or add one of those conditions (EncryptedQueue does for queues).`,
            );
        }
    },
};
