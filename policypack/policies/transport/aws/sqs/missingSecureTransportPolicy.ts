import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { resourcePolicyDocument } from "../../../../lib/iam";
import { asArray, asObject } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-sqs-queue-missing-secure-transport-policy";

/** Where the resource policies of one service live, and how they name the resource they govern. */
export interface PolicyTargets {
    /** Type tokens of the resources that must carry a policy (queues, topics, buckets). */
    targetTypes: string[];
    /** Type token of the separate policy resource (`aws.sqs.QueuePolicy`, …). */
    policyType: string;
    /** The policy resource's property that names its target (`queueUrl`, `arn`, `bucket`). */
    linkProperty: string;
    /** Keys a link value stands for (itself, and `name:<name>` when the name can be read from it). */
    linkKeys: (value: string) => string[];
    /** Readers of a target's keys, in the order they are tried (the input `name` first: it is usually known during preview). */
    targetKeys: ((props: Record<string, any>) => string | undefined)[];
}

function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** `name:<value>`, the key that a name read from a URL or ARN shares with the target's own name. */
export function nameKey(value: unknown): string | undefined {
    const s = str(value);
    return s === undefined ? undefined : `name:${s}`;
}

/** Type guard for the keys of {@link PolicyTargets.linkKeys}. */
export function isKey(k: string | undefined): k is string {
    return k !== undefined;
}

/**
 * Calls `report` for every target that has no resource policy at all: no inline `policy` and no
 * separate policy resource in the stack that names it. A target with a policy is left to the
 * `…-enforce-secure-transport` rule, which judges every policy document, so nothing is reported
 * twice. A policy is linked to its target by the property dependency of `linkProperty` (known
 * during preview); only a policy without one is matched by value, and only then are the targets'
 * URLs, ARNs and names read. Targets that can be judged without reading a value are reported
 * first, so a value that is unknown during preview (which the framework reports) costs nothing else.
 */
export function reportTargetsWithoutPolicy(
    resources: PolicyResource[],
    spec: PolicyTargets,
    report: (target: PolicyResource) => void,
): void {
    const targets: PolicyResource[] = [];
    const targetUrns = new Set<string>();
    const policies: PolicyResource[] = [];
    for (const r of resources) {
        if (spec.targetTypes.includes(r.type)) {
            targets.push(r);
            targetUrns.add(r.urn);
        } else if (r.type === spec.policyType) {
            policies.push(r);
        }
    }
    const covered = new Set<string>();
    const unlinked: PolicyResource[] = [];
    for (const p of policies) {
        const linked = asArray(asObject(p.propertyDependencies)[spec.linkProperty]).filter(
            (d) => d && targetUrns.has(d.urn),
        );
        if (linked.length === 1) {
            covered.add(linked[0].urn);
        } else {
            unlinked.push(p);
        }
    }

    // Pass 1: targets decided without reading a value (`in` does not read through the preview proxy).
    const undecided: PolicyResource[] = [];
    for (const t of targets) {
        if (covered.has(t.urn)) {
            continue;
        }
        if (unlinked.length === 0 && !("policy" in asObject(t.props))) {
            report(t);
        } else {
            undecided.push(t);
        }
    }

    // Pass 2: the inline policy's value, then policies linked by value only.
    let byValue: Set<string> | undefined;
    const linkedByValue = (t: PolicyResource): boolean => {
        if (!byValue) {
            byValue = new Set();
            for (const p of unlinked) {
                const v = str(p.props[spec.linkProperty]);
                for (const k of v === undefined ? [] : spec.linkKeys(v)) {
                    byValue.add(k);
                }
            }
        }
        const keys = byValue;
        return spec.targetKeys.some((read) => {
            const k = read(t.props);
            return k !== undefined && keys.has(k);
        });
    };
    for (const t of undecided) {
        if (resourcePolicyDocument(t.type, t.props) !== undefined) {
            continue;
        }
        if (unlinked.length > 0 && linkedByValue(t)) {
            continue;
        }
        report(t);
    }
}

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
