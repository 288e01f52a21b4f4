import type { StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    isKey,
    nameKey,
    reportTargetsWithoutPolicy,
    type PolicyTargets,
} from "../../../../lib/resourcePolicy";

const NAME = "aws-sns-topic-missing-secure-transport-policy";

/** The topics and topic policies of a stack; a topic ARN ends with the topic's name. */
export const SNS_TARGETS: PolicyTargets = {
    targetTypes: ["aws:sns/topic:Topic"],
    policyType: "aws:sns/topicPolicy:TopicPolicy",
    linkProperty: "arn",
    linkKeys: (arn) => [arn, nameKey(arn.split(":").pop())].filter(isKey),
    targetKeys: [
        (p) => nameKey(p.name),
        (p) => (typeof p.arn === "string" ? p.arn : undefined),
        (p) => (typeof p.id === "string" ? p.id : undefined),
    ],
};

/**
 * A topic with no policy accepts plaintext HTTP publishes, and
 * `aws-sns-topicpolicy-enforce-secure-transport` has no document to judge (Article 32(1)(a)): every
 * topic carries a policy (inline `policy` or an `aws.sns.TopicPolicy`) — whose denial of
 * `aws:SecureTransport` `false` that rule checks.
 */
export const missingSecureTransportPolicy: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that every SNS topic has a topic policy to hold the denial of requests without TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Attach an `aws.sns.TopicPolicy` (or set the topic\'s `policy`) with the statement `{ Effect: "Deny", Principal: "*", Action: "sns:*", Resource: <topic ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }`.',
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        reportTargetsWithoutPolicy(args.resources, SNS_TARGETS, (t) =>
            reportViolation(
                `SNS topic "${t.name}" has no topic policy (no \`policy\` and no aws.sns.TopicPolicy in the stack), so nothing denies requests where "aws:SecureTransport" is "false" and personal data can be published or read over plaintext HTTP; attach a policy that denies them for every principal and "sns:*".`,
                t.urn,
            ),
        );
    },
};
