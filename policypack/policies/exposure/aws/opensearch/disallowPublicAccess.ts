import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    type IamStatement,
    conditionEntries,
    hasRestrictingCondition,
    isPublicPrincipal,
    parsePolicyDocument,
} from "../../../../lib/iam/document";
import { describeStatement, unreadableDocumentMessage } from "../../../../lib/iam/wording";
import { isInternetCidr } from "../../../../lib/exposure";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "aws-opensearch-domain-disallow-public-access";

const SUBJECTS: Record<string, string> = {
    "aws:opensearch/domain:Domain": "OpenSearch domain",
    "aws:elasticsearch/domain:Domain": "Elasticsearch domain",
};

/** True when an `aws:SourceIp` condition (positive operator) limits the callers to ranges narrower than the internet. */
function pinsSourceIp(s: IamStatement): boolean {
    return conditionEntries(s, "aws:SourceIp").some(
        (e) =>
            !/Not/i.test(e.operator) &&
            e.values.length > 0 &&
            e.values.every((v) => v.trim() !== "" && !isInternetCidr(v)),
    );
}

/**
 * A search domain outside a VPC has a public endpoint; when its access policy also allows
 * `Principal: "*"` with no condition that pins the caller (account, organisation, source VPC
 * endpoint, source IP range), the personal data it indexes is open to an indefinite number of
 * people (Article 25(2)). A domain in a VPC (`vpcOptions.subnetIds`) is reached only through its
 * security groups, where an open policy is AWS's own recommendation.
 */
export const disallowPublicAccess: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that OpenSearch and Elasticsearch domains outside a VPC do not allow Principal "*" without a condition that pins the caller.',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        'Place the domain in the VPC (`vpcOptions` with private subnets and a security group), or name the IAM principals in `accessPolicies`, or add an `aws:SourceIp`, `aws:PrincipalAccount` or `aws:PrincipalOrgID` condition to the `Principal: "*"` statement.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const subject = SUBJECTS[args.type];
        if (!subject) {
            return;
        }
        if (asArray(asObject(args.props.vpcOptions).subnetIds).length > 0) {
            return;
        }
        const doc: unknown = args.props.accessPolicies;
        if (doc === undefined || doc === null || doc === "") {
            return;
        }
        const label = `${subject} "${args.name}" accessPolicies`;
        const parsed = parsePolicyDocument(doc);
        if (!parsed.ok) {
            reportViolation(unreadableDocumentMessage(label, parsed.error));
            return;
        }
        for (const s of parsed.statements) {
            if (
                s.effect !== "Allow" ||
                !isPublicPrincipal(s.principal) ||
                hasRestrictingCondition(s) ||
                pinsSourceIp(s)
            ) {
                continue;
            }
            reportViolation(
                `${label} ${describeStatement(s)} allows Principal "*" on a domain with a public endpoint (no \`vpcOptions\`) and no condition that pins the caller, so anyone on the internet can query the personal data it indexes; place the domain in the VPC, name the principals, or add an aws:SourceIp or aws:PrincipalOrgID condition.`,
            );
        }
    },
};
