import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    conditionValues,
    describeStatement,
    documentLabel,
    isPublicPrincipal,
    parsePolicyDocument,
    resourcePolicyDocument,
    type IamStatement,
} from "../../../../lib/iam";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-sqs-queuepolicy-enforce-secure-transport";

/** True when the statement denies requests made without TLS (`Bool`/`BoolIfExists` `aws:SecureTransport` `false`). */
function deniesPlaintext(s: IamStatement): boolean {
    if (s.effect !== "Deny") {
        return false;
    }
    const values = [
        ...(conditionValues(s, "Bool", "aws:SecureTransport") ?? []),
        ...(conditionValues(s, "BoolIfExists", "aws:SecureTransport") ?? []),
    ];
    return values.some((v) => v.toLowerCase() === "false");
}

/** True when the statement applies to every principal and every action of `service`. */
function coversEverything(s: IamStatement, service: string): boolean {
    const all = new Set(["*", `${service}:*`]);
    return (
        isPublicPrincipal(s.principal) &&
        s.notActions === undefined &&
        (s.actions ?? []).some((a) => all.has(a.trim().toLowerCase()))
    );
}

/**
 * The check shared by the SQS, SNS and S3 SecureTransport rules: the resource policy of `type`, when
 * it has one, holds a Deny for every principal and every `service` action when
 * `aws:SecureTransport` is `false`. Reports one message, or nothing.
 */
export function checkSecureTransport(
    type: string,
    name: string,
    props: Record<string, any>,
    service: string,
    fix: string,
    reportViolation: (message: string) => void,
): void {
    const found = resourcePolicyDocument(type, props);
    if (!found) {
        return;
    }
    const label = documentLabel(type, name, found.place);
    const parsed = parsePolicyDocument(found.doc);
    if (!parsed.ok) {
        reportViolation(
            `${label} cannot be checked for a TLS-only denial: ${parsed.error.replace(/\.$/, "")}; it should be a JSON policy document that ${fix}.`,
        );
        return;
    }
    const denials = parsed.statements.filter(deniesPlaintext);
    if (denials.some((s) => coversEverything(s, service))) {
        return;
    }
    const partial = denials[0];
    const what = partial
        ? `denies requests without TLS in ${describeStatement(partial)} only for some principals or actions`
        : 'has no statement that denies requests where "aws:SecureTransport" is "false"';
    reportViolation(
        `${label} ${what}, so personal data can be sent or read over plaintext HTTP; it should deny them for every principal and "${service}:*": ${fix}.`,
    );
}

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
