import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { MAX_RECEIVE_COUNT } from "../../../../lib/limits";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-sqs-queue-configure-dead-letter-queue";
const QUEUE = "aws:sqs/queue:Queue";
const REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy";
const REDRIVE_ALLOW_POLICY = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy";
/** What SQS uses when `messageRetentionSeconds` is unset (4 days). */
const DEFAULT_RETENTION_SECONDS = 345600;

/** Policy config of {@link configureDeadLetterQueue}. */
export interface ConfigureDeadLetterQueueConfig {
    /** The largest `maxReceiveCount` before a message counts as retried forever. */
    maxReceiveCount?: number;
}

/** A redrive policy, read from a JSON string or an object. */
type Redrive =
    | { ok: true; target?: string; maxReceiveCount: unknown; dependencies: PolicyResource[] }
    | { ok: false; error: string; dependencies: PolicyResource[] };

function isObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

function readRedrive(value: unknown, dependencies: PolicyResource[]): Redrive {
    let v: unknown = value;
    if (typeof v === "string") {
        try {
            v = JSON.parse(v);
        } catch {
            return { ok: false, error: "is not valid JSON", dependencies };
        }
    }
    if (!isObject(v)) {
        return { ok: false, error: "is not a JSON object", dependencies };
    }
    const target =
        typeof v.deadLetterTargetArn === "string" && v.deadLetterTargetArn.trim() !== ""
            ? v.deadLetterTargetArn.trim()
            : undefined;
    return { ok: true, target, maxReceiveCount: v.maxReceiveCount, dependencies };
}

/** The receive count as a whole number (SQS accepts a number or a numeric string), or undefined. */
function receiveCount(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isInteger(value)) {
        return value;
    }
    if (typeof value === "string" && /^\d+$/.test(value.trim())) {
        return Number(value.trim());
    }
    return undefined;
}

function retentionOf(q: PolicyResource): number {
    const v = q.props.messageRetentionSeconds;
    return typeof v === "number" && Number.isFinite(v) ? v : DEFAULT_RETENTION_SECONDS;
}

function isEncrypted(q: PolicyResource): boolean {
    return (
        readKeyRef(q.props.kmsMasterKeyId).kind !== "missing" ||
        q.props.sqsManagedSseEnabled === true
    );
}

/** True for an inline `redriveAllowPolicy` that lets other queues use this one as their dead-letter queue. */
function allowsRedrive(value: unknown): boolean {
    if (value === undefined || value === null || value === "") {
        return false;
    }
    let v: unknown = value;
    if (typeof v === "string") {
        try {
            v = JSON.parse(v);
        } catch {
            return false;
        }
    }
    return isObject(v) && v.redrivePermission !== "denyAll";
}

/**
 * A sync that fails mid-batch must be replayable, not lost (Article 32(1)(c)): every queue that is
 * not itself a dead-letter queue redrives to one, with a bounded `maxReceiveCount`; a DLQ found in
 * the stack (by the redrive policy's property dependencies, else by ARN) keeps messages at least as
 * long as its source and is encrypted. A DLQ outside the stack is accepted.
 */
export const configureDeadLetterQueue: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that SQS queues redrive to an encrypted dead-letter queue with a bounded receive count.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("recoverability", "gdpr-art-32"),
    remediationSteps:
        "Give the queue a `redrivePolicy` naming an encrypted dead-letter queue (retention at least the source's) with a `maxReceiveCount` of at most 10, or build it with the `EncryptedQueue` component.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            maxReceiveCount: {
                type: "number",
                default: MAX_RECEIVE_COUNT,
                description:
                    "The largest maxReceiveCount before a message counts as retried forever.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const max =
            args.getConfig<ConfigureDeadLetterQueueConfig>().maxReceiveCount ?? MAX_RECEIVE_COUNT;
        const queues: PolicyResource[] = [];
        const queueByUrn = new Map<string, PolicyResource>();
        // Separate RedrivePolicy / RedriveAllowPolicy resources, keyed by their queue's URN or URL.
        const separateRedrive = new Map<string, PolicyResource>();
        const allowedByResource = new Set<string>();
        for (const r of args.resources) {
            if (r.type === QUEUE) {
                queues.push(r);
                queueByUrn.set(r.urn, r);
            } else if (r.type === REDRIVE_POLICY || r.type === REDRIVE_ALLOW_POLICY) {
                const keys = (r.propertyDependencies?.queueUrl ?? []).map((d) => d.urn);
                if (typeof r.props.queueUrl === "string") {
                    keys.push(r.props.queueUrl);
                }
                for (const k of keys) {
                    if (r.type === REDRIVE_POLICY) {
                        separateRedrive.set(k, r);
                    } else {
                        allowedByResource.add(k);
                    }
                }
            }
        }

        // ARNs and URLs are read only when a link cannot be resolved by URN: during preview they
        // are often unknown, and reading one stops the whole rule.
        let byArn: Map<string, PolicyResource> | undefined;
        const queueByArn = (arn: string): PolicyResource | undefined => {
            if (!byArn) {
                byArn = new Map();
                for (const q of queues) {
                    if (typeof q.props.arn === "string") {
                        byArn.set(q.props.arn, q);
                    }
                }
            }
            return byArn.get(arn);
        };
        const urlKeys = (q: PolicyResource): string[] =>
            [q.props.url, q.props.id].filter((u): u is string => typeof u === "string");

        // Pass 1: each queue's redrive policy and its DLQ (when in the stack).
        const redrives = new Map<string, Redrive>();
        const dlqOf = new Map<string, PolicyResource>();
        const dlqs = new Set<string>();
        for (const q of queues) {
            let redrive: Redrive | undefined;
            if (
                q.props.redrivePolicy !== undefined &&
                q.props.redrivePolicy !== null &&
                q.props.redrivePolicy !== ""
            ) {
                redrive = readRedrive(
                    q.props.redrivePolicy,
                    q.propertyDependencies?.redrivePolicy ?? [],
                );
            } else if (separateRedrive.size > 0) {
                const res =
                    separateRedrive.get(q.urn) ??
                    urlKeys(q)
                        .map((u) => separateRedrive.get(u))
                        .find(Boolean);
                if (res) {
                    redrive = readRedrive(
                        res.props.redrivePolicy,
                        res.propertyDependencies?.redrivePolicy ?? [],
                    );
                }
            }
            if (allowsRedrive(q.props.redriveAllowPolicy) || allowedByResource.has(q.urn)) {
                dlqs.add(q.urn);
            }
            if (!redrive) {
                continue;
            }
            redrives.set(q.urn, redrive);
            // A queue the redrive policy depends on is its DLQ, even when the policy cannot be read.
            const linked = redrive.dependencies.filter(
                (d) => d.type === QUEUE && d.urn !== q.urn && queueByUrn.has(d.urn),
            );
            if (linked.length === 1) {
                dlqs.add(linked[0].urn);
            }
            if (!redrive.ok || redrive.target === undefined) {
                continue;
            }
            const dlq =
                linked.length === 1 ? queueByUrn.get(linked[0].urn) : queueByArn(redrive.target);
            if (dlq) {
                dlqOf.set(q.urn, dlq);
                dlqs.add(dlq.urn);
            }
        }
        if (allowedByResource.size > 0) {
            for (const q of queues) {
                if (urlKeys(q).some((u) => allowedByResource.has(u))) {
                    dlqs.add(q.urn);
                }
            }
        }

        // Pass 2: judge every queue that is not itself a DLQ.
        const fix = `(EncryptedQueue does).`;
        for (const q of queues) {
            if (dlqs.has(q.urn)) {
                continue;
            }
            const subject = `SQS queue "${q.name}"`;
            const redrive = redrives.get(q.urn);
            if (!redrive) {
                reportViolation(
                    `${subject} has no \`redrivePolicy\`, so a message that fails mid-batch is retried until its retention expires and is then lost; set \`redrivePolicy\` to a dead-letter queue with a \`maxReceiveCount\` of at most ${max} ${fix}`,
                    q.urn,
                );
                continue;
            }
            if (!redrive.ok) {
                reportViolation(
                    `${subject} has a \`redrivePolicy\` that ${redrive.error}, so its dead-letter queue cannot be checked; set it to {"deadLetterTargetArn": <DLQ ARN>, "maxReceiveCount": <1 to ${max}>} ${fix}`,
                    q.urn,
                );
                continue;
            }
            if (redrive.target === undefined) {
                reportViolation(
                    `${subject} has a \`redrivePolicy\` without a \`deadLetterTargetArn\`, so failed messages have nowhere to go; set \`redrivePolicy.deadLetterTargetArn\` to a dead-letter queue's ARN ${fix}`,
                    q.urn,
                );
            }
            const count = receiveCount(redrive.maxReceiveCount);
            if (count === undefined || count < 1) {
                const shown =
                    redrive.maxReceiveCount === undefined
                        ? "unset"
                        : `${JSON.stringify(redrive.maxReceiveCount)}, not a positive whole number`;
                reportViolation(
                    `${subject} \`redrivePolicy.maxReceiveCount\` is ${shown}, so when a message moves to the dead-letter queue is undefined; set it to 1 to ${max} ${fix}`,
                    q.urn,
                );
            } else if (count > max) {
                reportViolation(
                    `${subject} \`redrivePolicy.maxReceiveCount\` is ${count}, above the maximum of ${max}, so a poison message is retried long after it should be set aside; set it to 1 to ${max} ${fix}`,
                    q.urn,
                );
            }
            const dlq = dlqOf.get(q.urn);
            if (!dlq) {
                continue;
            }
            const dlqRetention = retentionOf(dlq);
            const retention = retentionOf(q);
            if (dlqRetention < retention) {
                reportViolation(
                    `${subject} keeps messages ${retention} seconds but its dead-letter queue "${dlq.name}" only ${dlqRetention}, so a failed message can expire before anyone replays it; set \`messageRetentionSeconds\` on "${dlq.name}" to at least ${retention} ${fix}`,
                    q.urn,
                );
            }
            if (!isEncrypted(dlq)) {
                reportViolation(
                    `${subject} redrives to the dead-letter queue "${dlq.name}", which is not encrypted, so failed personal data sits at rest in plaintext; set \`kmsMasterKeyId\` on "${dlq.name}" to a customer-managed key ${fix}`,
                    q.urn,
                );
            }
        }
    },
};
