import type { StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    PolicyTargets,
    isKey,
    nameKey,
    reportTargetsWithoutPolicy,
    str,
} from "../../../../lib/resourcePolicy";

const NAME = "aws-sqs-queue-missing-secure-transport-policy";

/** The queues and queue policies of a stack; a queue URL ends with the queue's name. */
export const SQS_TARGETS: PolicyTargets = {
    targetTypes: ["aws:sqs/queue:Queue"],
    policyType: "aws:sqs/queuePolicy:QueuePolicy",
    linkProperty: "queueUrl",
    linkKeys: (url) => [url, nameKey(url.replace(/\/+$/, "").split("/").pop())].filter(isKey),
    targetKeys: [(p) => nameKey(p.name), (p) => str(p.url), (p) => str(p.id)],
};

/**
 * A queue with no policy at all accepts plaintext HTTP from any principal its account lets in, and
 * `aws-sqs-queuepolicy-enforce-secure-transport` has no document to judge (Article 32(1)(a)): every
 * queue carries a policy (inline `policy` or an `aws.sqs.QueuePolicy`) — whose denial of
 * `aws:SecureTransport` `false` that rule checks.
 */
export const missingSecureTransportPolicy: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that every SQS queue has a queue policy to hold the denial of requests without TLS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Attach an `aws.sqs.QueuePolicy` (or set the queue\'s `policy`) with the statement `{ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: <queue ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }`, or build the queue with the `EncryptedQueue` component, which does.',
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        reportTargetsWithoutPolicy(args.resources, SQS_TARGETS, (q) =>
            reportViolation(
                `SQS queue "${q.name}" has no queue policy (no \`policy\` and no aws.sqs.QueuePolicy in the stack), so nothing denies requests where "aws:SecureTransport" is "false" and personal data can be sent or read over plaintext HTTP; attach a policy that denies them for every principal and "sqs:*" (EncryptedQueue does).`,
                q.urn,
            ),
        );
    },
};
