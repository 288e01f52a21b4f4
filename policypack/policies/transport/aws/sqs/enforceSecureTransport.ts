import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { checkSecureTransport } from "../../../../lib/resourcePolicy";

const NAME = "aws-sqs-queuepolicy-enforce-secure-transport";

/**
 * A queue that accepts plaintext HTTP requests exposes the messages, and the credentials signing them,
 * on the wire (Article 32(1)(a)): SQS queue policies (`aws.sqs.QueuePolicy` and a queue's inline
 * `policy`) deny every request where `aws:SecureTransport` is `false`.
 */
export const enforceSecureTransport: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that SQS queue policies deny requests that do not use TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Add a statement `{ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: <queue ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }` to the queue policy, or build the queue with the `EncryptedQueue` component, which does.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (
            args.type !== "aws:sqs/queuePolicy:QueuePolicy" &&
            args.type !== "aws:sqs/queue:Queue"
        ) {
            return;
        }
        checkSecureTransport(
            args.type,
            args.name,
            args.props,
            "sqs",
            'add a Deny statement with Condition Bool "aws:SecureTransport": "false" (EncryptedQueue does)',
            reportViolation,
        );
    },
};
