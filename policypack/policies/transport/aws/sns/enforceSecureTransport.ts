import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { checkSecureTransport } from "../../../../lib/resourcePolicy";

const NAME = "aws-sns-topicpolicy-enforce-secure-transport";

/**
 * A topic that accepts plaintext HTTP publishes exposes the messages on the wire (Article 32(1)(a)):
 * SNS topic policies (`aws.sns.TopicPolicy` and a topic's inline `policy`) deny every request where
 * `aws:SecureTransport` is `false`.
 */
export const enforceSecureTransport: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that SNS topic policies deny requests that do not use TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Add a statement `{ Effect: "Deny", Principal: "*", Action: "sns:*", Resource: <topic ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }` to the topic policy.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (
            args.type !== "aws:sns/topicPolicy:TopicPolicy" &&
            args.type !== "aws:sns/topic:Topic"
        ) {
            return;
        }
        checkSecureTransport(
            args.type,
            args.name,
            args.props,
            "sns",
            'add a Deny statement with Condition Bool "aws:SecureTransport": "false"',
            reportViolation,
        );
    },
};
