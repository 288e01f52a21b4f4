// An SQS queue for personal data: encrypted with a customer-managed, rotating KMS key, with an
// encrypted dead-letter queue for replay, and a queue policy that refuses plaintext transport and
// names who may send and receive (GDPR Article 32(1)(a) and (c)).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MAX_RECEIVE_COUNT, MIN_KMS_DELETION_WINDOW_DAYS } from "../policypack/lib/limits";
import { Checks } from "./internal";

/** What a producer may do on the queue. */
export const PRODUCER_ACTIONS = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];
/** What a consumer may do on the queue (and on its dead-letter queue, to replay). */
export const CONSUMER_ACTIONS = [
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
];
/** KMS actions a producer needs to encrypt messages. */
export const PRODUCER_KEY_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"];
/** KMS actions a consumer needs to decrypt messages. */
export const CONSUMER_KEY_ACTIONS = ["kms:Decrypt"];
/** Key administration the account keeps (explicit, no `kms:*`). */
const KEY_ADMIN_ACTIONS = [
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
];

const DLQ_RETENTION_SECONDS = 1209600;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

export interface EncryptedQueueArgs {
    /** IAM role ARNs that send to the queue. */
    readonly producers?: pulumi.Input<string>[];
    /** IAM role ARNs that receive from the queue (and may replay its dead-letter queue). */
    readonly consumers?: pulumi.Input<string>[];
    /** The AWS account that owns the key; looked up with `aws.getCallerIdentity` when absent. */
    readonly accountId?: pulumi.Input<string>;
    /** The queue's name (its dead-letter queue is `<queueName>-dlq`); the component's name by default. */
    readonly queueName?: string;
    /** The AWS region of the queue; the `aws:region` config by default. Known ARNs and URLs let the pack check them during preview. */
    readonly region?: string;
    /** Retention of the queue in seconds; 4 days by default, below the DLQ's 14 days. */
    readonly messageRetentionSeconds?: number;
    /** Receives before a message moves to the dead-letter queue; 5 by default, at most the pack's maximum. */
    readonly maxReceiveCount?: number;
    /** Visibility timeout in seconds; 300 by default. */
    readonly visibilityTimeoutSeconds?: number;
    /** KMS key deletion window in days; 30 by default, at least the pack's minimum. */
    readonly keyDeletionWindowDays?: number;
    /** Tags for every resource (e.g. `data-owner`, `data-category`). */
    readonly tags?: Record<string, pulumi.Input<string>>;
}

/**
 * A customer-managed KMS key (rotation on, key policy scoped to the account and the queue's
 * producers and consumers), the queue encrypted with it, an encrypted dead-letter queue with
 * longer retention and a redrive policy, and queue policies that deny non-TLS access and allow
 * only the given producer and consumer roles the exact SQS actions each needs.
 */
export class EncryptedQueue extends pulumi.ComponentResource {
    public readonly key: aws.kms.Key;
    /** `alias/gdpr-guard/<queueName>`, the key reference the queues use. */
    public readonly alias: aws.kms.Alias;
    public readonly queue: aws.sqs.Queue;
    public readonly deadLetterQueue: aws.sqs.Queue;
    public readonly queuePolicy: aws.sqs.QueuePolicy;
    public readonly deadLetterQueuePolicy: aws.sqs.QueuePolicy;
    /** The queue's ARN, URL and key ARN, for grants and configuration. */
    public readonly arn: pulumi.Output<string>;
    public readonly url: pulumi.Output<string>;
    public readonly keyArn: pulumi.Output<string>;
    public readonly deadLetterQueueArn: pulumi.Output<string>;
    public readonly deadLetterQueueUrl: pulumi.Output<string>;

    constructor(
        name: string,
        args: EncryptedQueueArgs = {},
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const check = new Checks("EncryptedQueue", name);
        const a = args ?? {};
        const retention = check.integer(
            "messageRetentionSeconds",
            a.messageRetentionSeconds,
            345600,
            60,
            DLQ_RETENTION_SECONDS - 1,
            "the dead-letter queue keeps messages 14 days and must outlast the queue so failed batches can be replayed",
        );
        const maxReceiveCount = check.integer(
            "maxReceiveCount",
            a.maxReceiveCount,
            5,
            1,
            MAX_RECEIVE_COUNT,
            "a message retried forever is never replayed",
        );
        const visibility = check.integer(
            "visibilityTimeoutSeconds",
            a.visibilityTimeoutSeconds,
            300,
            0,
            43200,
            "the SQS limit",
        );
        const deletionWindow = check.integer(
            "keyDeletionWindowDays",
            a.keyDeletionWindowDays,
            30,
            MIN_KMS_DELETION_WINDOW_DAYS,
            30,
            "a shorter window risks losing every queued message to a mistaken deletion",
        );
        const principals = (arg: "producers" | "consumers") =>
            (a[arg] ?? []).map((p, i) => {
                if (typeof p === "string" && (!ROLE_ARN.test(p) || p.includes("*"))) {
                    check.refuse(
                        `${arg}[${i}]`,
                        `is "${p}", not one exact IAM role ARN`,
                        "name each role by its ARN (e.g. a LeastPrivilegeRole's `arn`)",
                    );
                }
                return pulumi.output(p).apply((arn) => {
                    if (!ROLE_ARN.test(arn) || arn.includes("*")) {
                        check.refuse(
                            `${arg}[${i}]`,
                            `resolved to "${arn}", not one exact IAM role ARN`,
                            "name each role by its ARN",
                        );
                    }
                    return arn;
                });
            });
        const queueName = a.queueName ?? name;
        if (typeof queueName !== "string" || !/^[A-Za-z0-9_-]{1,76}$/.test(queueName)) {
            check.refuse(
                "queueName",
                `is ${JSON.stringify(queueName)}, not an SQS queue name`,
                "use up to 76 letters, digits, '-' or '_' (the dead-letter queue adds \"-dlq\")",
            );
        }
        const region = a.region ?? aws.config.region;
        if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
            check.refuse(
                "region",
                `is "${region}", not an AWS region`,
                'use a region name such as "eu-west-1"',
            );
        }
        const producers = principals("producers");
        const consumers = principals("consumers");
        for (const [k, v] of Object.entries(a.tags ?? {})) {
            if (typeof v === "string" && /^(aws:)/i.test(k)) {
                check.refuse(
                    `tags["${k}"]`,
                    "uses the reserved aws: prefix",
                    "choose another tag key",
                );
            }
        }

        super("gdpr-guard:queue:EncryptedQueue", name, {}, opts);
        const child = { parent: this };
        const tags = a.tags ?? {};
        const account =
            a.accountId !== undefined
                ? pulumi.output(a.accountId)
                : aws.getCallerIdentityOutput({}, child).accountId;
        const partitionOf = (arns: pulumi.Output<string>[]) => pulumi.all(arns).apply((xs) => xs);

        const keyStatements: pulumi.Input<Record<string, unknown>>[] = [
            {
                Sid: "AccountAdministersKey",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` },
                Action: KEY_ADMIN_ACTIONS,
                Resource: "*",
            },
            {
                // Like the AWS-managed SQS key: principals of this account may use the key only
                // through SQS, so who reads the data is decided by the queue policy and IAM grants.
                Sid: "AccountUsesKeyThroughSqs",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:PrincipalAccount": account, "kms:CallerAccount": account },
                    StringLike: { "kms:ViaService": "sqs.*.amazonaws.com" },
                },
            },
        ];
        if (producers.length > 0) {
            keyStatements.push({
                Sid: "ProducersEncrypt",
                Effect: "Allow",
                Principal: { AWS: partitionOf(producers) },
                Action: PRODUCER_KEY_ACTIONS,
                Resource: "*",
            });
        }
        if (consumers.length > 0) {
            keyStatements.push({
                Sid: "ConsumersDecrypt",
                Effect: "Allow",
                Principal: { AWS: partitionOf(consumers) },
                Action: CONSUMER_KEY_ACTIONS,
                Resource: "*",
            });
        }
        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encrypts the ${name} queue and its dead-letter queue`,
                enableKeyRotation: true,
                deletionWindowInDays: deletionWindow,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: keyStatements }),
                tags,
            },
            child,
        );
        this.keyArn = this.key.arn;
        this.alias = new aws.kms.Alias(
            `${name}-alias`,
            { name: `alias/gdpr-guard/${queueName}`, targetKeyId: this.key.keyId },
            child,
        );
        // The alias name is known during preview (the key ARN is not) and carries the dependency.
        const keyRef = this.alias.urn.apply(() => `alias/gdpr-guard/${queueName}`);
        // ARNs and URLs built from known parts, tied to their queue through its URN (known during
        // preview), so documents and env values that use them can be checked during preview too.
        const known = (q: aws.sqs.Queue, qName: string) => ({
            arn:
                region === undefined
                    ? q.arn
                    : pulumi
                          .all([q.urn, account])
                          .apply(([, acct]) => `arn:aws:sqs:${region}:${acct}:${qName}`),
            url:
                region === undefined
                    ? q.url
                    : pulumi
                          .all([q.urn, account])
                          .apply(
                              ([, acct]) => `https://sqs.${region}.amazonaws.com/${acct}/${qName}`,
                          ),
        });

        this.deadLetterQueue = new aws.sqs.Queue(
            `${name}-dlq`,
            {
                name: `${queueName}-dlq`,
                kmsMasterKeyId: keyRef,
                kmsDataKeyReusePeriodSeconds: 300,
                messageRetentionSeconds: DLQ_RETENTION_SECONDS,
                tags,
            },
            child,
        );
        const dlqKnown = known(this.deadLetterQueue, `${queueName}-dlq`);
        this.queue = new aws.sqs.Queue(
            `${name}-queue`,
            {
                name: queueName,
                kmsMasterKeyId: keyRef,
                kmsDataKeyReusePeriodSeconds: 300,
                messageRetentionSeconds: retention,
                visibilityTimeoutSeconds: visibility,
                redrivePolicy: pulumi.jsonStringify({
                    deadLetterTargetArn: dlqKnown.arn,
                    maxReceiveCount,
                }),
                tags,
            },
            child,
        );
        const queueKnown = known(this.queue, queueName);
        this.arn = queueKnown.arn;
        this.url = queueKnown.url;
        this.deadLetterQueueArn = dlqKnown.arn;
        this.deadLetterQueueUrl = dlqKnown.url;

        const queuePolicy = (
            q: { arn: pulumi.Output<string> },
            producerActions: string[] | undefined,
        ) => {
            const statements: Record<string, unknown>[] = [
                {
                    Sid: "DenyPlaintextTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sqs:*",
                    Resource: q.arn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ];
            if (producerActions && producers.length > 0) {
                statements.push({
                    Sid: "ProducersSend",
                    Effect: "Allow",
                    Principal: { AWS: partitionOf(producers) },
                    Action: producerActions,
                    Resource: q.arn,
                });
            }
            if (consumers.length > 0) {
                statements.push({
                    Sid: "ConsumersReceive",
                    Effect: "Allow",
                    Principal: { AWS: partitionOf(consumers) },
                    Action: CONSUMER_ACTIONS,
                    Resource: q.arn,
                });
            }
            return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
        };
        this.queuePolicy = new aws.sqs.QueuePolicy(
            `${name}-queue-policy`,
            { queueUrl: queueKnown.url, policy: queuePolicy(queueKnown, PRODUCER_ACTIONS) },
            child,
        );
        this.deadLetterQueuePolicy = new aws.sqs.QueuePolicy(
            `${name}-dlq-policy`,
            { queueUrl: dlqKnown.url, policy: queuePolicy(dlqKnown, undefined) },
            child,
        );
        this.registerOutputs({
            arn: this.arn,
            url: this.url,
            keyArn: this.keyArn,
            deadLetterQueueArn: this.deadLetterQueueArn,
        });
    }
}
