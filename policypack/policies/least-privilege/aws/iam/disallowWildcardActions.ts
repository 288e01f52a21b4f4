import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isServiceWildcard } from "../../../../lib/iam/actions";
import { allowStatements } from "../../../../lib/iam/document";
import { identityPolicyDocuments } from "../../../../lib/iam/locate";
import { describeStatement, quoteList } from "../../../../lib/iam/wording";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-iam-policy-disallow-wildcard-actions";

/**
 * A sync job may read what it syncs and write where it writes (Article 25(2)): an identity policy
 * never allows `*`, a whole service (`s3:*`), or everything-but (`NotAction`, `NotResource`).
 * IAM Identity Center permission sets' inline policies are identity policies too.
 */
export const disallowWildcardActions: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that IAM identity policies do not allow every action, every action of a service, or everything but a list (NotAction, NotResource).",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        'List the exact actions the job calls (e.g. "sqs:SendMessage") under `Action` and the exact ARNs under `Resource`, or build the role with the `LeastPrivilegeRole` component.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const found = identityPolicyDocuments(args.type, args.props);
        const statements = allowStatements(args.type, args.name, found, reportViolation);
        for (const { label, statement: s } of statements) {
            const where = `${label} ${describeStatement(s)}`;
            for (const action of s.actions ?? []) {
                if (!isServiceWildcard(action)) {
                    continue;
                }
                const what =
                    action.trim() === "*"
                        ? "every action of every service"
                        : "every action of the service";
                reportViolation(
                    `${where} allows Action "${action}", ${what}; a sync job should be granted only the actions it calls, so list them (e.g. "sqs:SendMessage") instead (LeastPrivilegeRole does).`,
                );
            }
            if (s.notActions !== undefined) {
                reportViolation(
                    `${where} allows every action except NotAction ${quoteList(s.notActions)}; an Allow with NotAction grants everything not listed, including services added later, so list the allowed actions under Action instead (LeastPrivilegeRole does).`,
                );
            }
            if (s.notResources !== undefined) {
                reportViolation(
                    `${where} allows its actions on every resource except NotResource ${quoteList(s.notResources)}; an Allow with NotResource reaches every other resource in the account, so name the resources the job uses under Resource instead (LeastPrivilegeRole does).`,
                );
            }
        }
    },
};
