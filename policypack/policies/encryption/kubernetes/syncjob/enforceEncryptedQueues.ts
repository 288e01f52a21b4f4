import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { allJobsProperty, allowSqsManagedSseProperty } from "../../../../lib/sharedConfig";
import {
    dependenciesOf,
    describeJob,
    propertyDependsOn,
    serviceAccountKey,
    serviceAccountsByKey,
    StackIndex,
    syncJobs,
} from "../../../../lib/syncPath";

const NAME = "kubernetes-syncjob-job-enforce-encrypted-queues";

/** Policy config of {@link enforceEncryptedQueues}. */
export interface EnforceEncryptedQueuesConfig {
    /** Treat every Job and CronJob as a sync job, labelled or not. */
    allJobs?: boolean;
    /** Accept SSE-SQS (an AWS-owned key) for queues a sync job is wired to. */
    allowSqsManagedSse?: boolean;
}

const QUEUE = "aws:sqs/queue:Queue";
const KEY_TYPES = [
    "aws:kms/key:Key",
    "aws:kms/alias:Alias",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/externalKey:ExternalKey",
];
const GRANT_TYPES = [
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
];

/** How a job reaches a queue, for messages. */
type Wire = "its configuration" | "an IAM grant of its role";

/**
 * The queues a sync job writes to or reads from hold the personal data it moves; each of them is
 * encrypted with a KMS key (Article 32(1)(a)).
 */
export const enforceEncryptedQueues: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that every SQS queue a sync job is wired to, by configuration or IAM grant, is encrypted with a KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Build the queues with `EncryptedQueue` (customer-managed rotating key, encrypted dead-letter queue) and wire them to the job with `SecureSyncJob`'s `produces` / `consumes`.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allJobs: allJobsProperty,
            allowSqsManagedSse: allowSqsManagedSseProperty,
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<EnforceEncryptedQueuesConfig>();
        const jobs = syncJobs(args.resources, config.allJobs ?? false);
        if (jobs.length === 0) {
            return;
        }
        const index = new StackIndex(args.resources);
        const serviceAccounts = serviceAccountsByKey(index);
        const verdicts = new Map<string, string | undefined>();
        const problemOf = (q: PolicyResource): string | undefined => {
            if (!verdicts.has(q.urn)) {
                verdicts.set(q.urn, queueProblem(q, config.allowSqsManagedSse === true));
            }
            return verdicts.get(q.urn);
        };

        for (const job of jobs) {
            const wired = new Map<string, { queue: PolicyResource; via: Wire }>();
            for (const d of dependenciesOf(job.resource)) {
                if (d.type === QUEUE) {
                    wired.set(d.urn, { queue: d, via: "its configuration" });
                }
            }
            const sa = serviceAccounts.get(serviceAccountKey(job.namespace, job.serviceAccount));
            const roles = sa
                ? dependenciesOf(sa).filter((d) => d.type === "aws:iam/role:Role")
                : [];
            for (const role of roles) {
                const grants = [
                    role,
                    ...index.dependentsOf(role).filter((g) => GRANT_TYPES.includes(g.type)),
                ];
                for (const grant of grants) {
                    const sources =
                        grant.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
                            ? dependenciesOf(grant).filter(
                                  (p) => p.type === "aws:iam/policy:Policy",
                              )
                            : [grant];
                    for (const source of sources) {
                        for (const d of dependenciesOf(source)) {
                            if (d.type === QUEUE && !wired.has(d.urn)) {
                                wired.set(d.urn, { queue: d, via: "an IAM grant of its role" });
                            }
                        }
                    }
                }
            }
            for (const { queue, via } of wired.values()) {
                const problem = problemOf(queue);
                if (problem !== undefined) {
                    reportViolation(
                        `Sync job ${describeJob(job)} is wired through ${via} to SQS queue "${queue.name}", which ${problem}; build the queue with EncryptedQueue and wire it with SecureSyncJob.`,
                        job.resource.urn,
                    );
                }
            }
        }
    },
};

/** Why a queue does not count as encrypted, or undefined when it does. */
function queueProblem(q: PolicyResource, allowSqsManagedSse: boolean): string | undefined {
    // A key that comes from a KMS resource of this stack is known to be set, even during preview.
    if (propertyDependsOn(q, "kmsMasterKeyId", KEY_TYPES)) {
        return undefined;
    }
    const props = asObject(q.props);
    const key = props.kmsMasterKeyId;
    if (typeof key === "string" && key.trim() !== "") {
        return undefined;
    }
    if (props.sqsManagedSseEnabled === true) {
        return allowSqsManagedSse
            ? undefined
            : "uses SSE-SQS, an AWS-owned key this organisation cannot control, for the personal data the job moves";
    }
    return "is not encrypted with a KMS key, so the personal data the job moves sits at rest in plaintext";
}
