import { ACCOUNT, failuresOf, find, mark, refusal, settle, since } from "./mocks";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedQueue } from "../../components";

const PRODUCER = `arn:aws:iam::${ACCOUNT}:role/crm-sync`;
const CONSUMER = `arn:aws:iam::${ACCOUNT}:role/erp-sync`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

describe("EncryptedQueue", () => {
    it("builds a rotating customer-managed key scoped to the account, producers and consumers", async () => {
        const m = mark();
        new EncryptedQueue("crm-events", {
            producers: [PRODUCER],
            consumers: [pulumi.output(CONSUMER)],
            tags: { "data-owner": "sales" },
        });
        await settle();
        const key = find(m, "aws:kms/key:Key", "crm-events-key").inputs;
        assert.equal(key.enableKeyRotation, true);
        assert.equal(key.deletionWindowInDays, 30);
        assert.deepEqual(key.tags, { "data-owner": "sales" });
        const statements = JSON.parse(key.policy).Statement;
        assert.deepEqual(
            statements.map((s: any) => [s.Sid, s.Effect, s.Principal]),
            [
                ["AccountAdministersKey", "Allow", { AWS: ROOT }],
                ["AccountUsesKeyThroughSqs", "Allow", { AWS: "*" }],
                ["ProducersEncrypt", "Allow", { AWS: [PRODUCER] }],
                ["ConsumersDecrypt", "Allow", { AWS: [CONSUMER] }],
            ],
        );
        assert.ok(
            statements.every((s: any) => !JSON.stringify(s.Action).includes("*")),
            "no wildcard key actions",
        );
        assert.deepEqual(statements[1].Condition, {
            StringEquals: { "aws:PrincipalAccount": ACCOUNT, "kms:CallerAccount": ACCOUNT },
            StringLike: { "kms:ViaService": "sqs.*.amazonaws.com" },
        });
        assert.deepEqual(statements[2].Action, ["kms:GenerateDataKey", "kms:Decrypt"]);
        assert.deepEqual(statements[3].Action, ["kms:Decrypt"]);
    });

    it("encrypts the queue and a longer-retention dead-letter queue with the key and wires the redrive", async () => {
        const m = mark();
        const q = new EncryptedQueue("orders", {
            queueName: "orders",
            maxReceiveCount: 4,
            region: "eu-west-1",
        });
        await settle();
        assert.deepEqual(find(m, "aws:kms/alias:Alias", "orders-alias").inputs, {
            name: "alias/gdpr-guard/orders",
            targetKeyId: "orders-key",
        });
        const keyArn = "alias/gdpr-guard/orders";
        const dlq = find(m, "aws:sqs/queue:Queue", "orders-dlq").inputs;
        assert.deepEqual(
            { ...dlq },
            {
                name: "orders-dlq",
                kmsMasterKeyId: keyArn,
                kmsDataKeyReusePeriodSeconds: 300,
                messageRetentionSeconds: 1209600,
                tags: {},
            },
        );
        const queue = find(m, "aws:sqs/queue:Queue", "orders-queue").inputs;
        assert.equal(queue.kmsMasterKeyId, keyArn);
        assert.equal(queue.messageRetentionSeconds, 345600);
        assert.ok(queue.messageRetentionSeconds < dlq.messageRetentionSeconds);
        assert.deepEqual(JSON.parse(queue.redrivePolicy), {
            deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dlq`,
            maxReceiveCount: 4,
        });
        assert.equal(
            await new Promise((r) => q.url.apply(r)),
            `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/orders`,
        );
    });

    it("denies non-TLS access and allows only the producers and consumers their exact actions", async () => {
        const m = mark();
        new EncryptedQueue("pq", {
            queueName: "pq",
            producers: [PRODUCER],
            consumers: [CONSUMER],
            accountId: ACCOUNT,
        });
        await settle();
        const arn = `arn:aws:sqs:eu-west-1:${ACCOUNT}:pq`;
        const policy = find(m, "aws:sqs/queuePolicy:QueuePolicy", "pq-queue-policy").inputs;
        assert.equal(policy.queueUrl, `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/pq`);
        assert.deepEqual(JSON.parse(policy.policy).Statement, [
            {
                Sid: "DenyPlaintextTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sqs:*",
                Resource: arn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "ProducersSend",
                Effect: "Allow",
                Principal: { AWS: [PRODUCER] },
                Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
                Resource: arn,
            },
            {
                Sid: "ConsumersReceive",
                Effect: "Allow",
                Principal: { AWS: [CONSUMER] },
                Action: [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                    "sqs:GetQueueUrl",
                ],
                Resource: arn,
            },
        ]);
        const dlqStatements = JSON.parse(
            find(m, "aws:sqs/queuePolicy:QueuePolicy", "pq-dlq-policy").inputs.policy,
        ).Statement;
        assert.deepEqual(
            dlqStatements.map((s: any) => s.Sid),
            ["DenyPlaintextTransport", "ConsumersReceive"],
        );
        assert.equal(dlqStatements[0].Resource, `arn:aws:sqs:eu-west-1:${ACCOUNT}:pq-dlq`);
    });

    it("uses the given account without looking it up", async () => {
        const m = mark();
        new EncryptedQueue("acct", { accountId: "444455556666" });
        await settle();
        assert.deepEqual(
            JSON.parse(find(m, "aws:kms/key:Key", "acct-key").inputs.policy).Statement[0].Principal,
            { AWS: "arn:aws:iam::444455556666:root" },
        );
    });

    describe("refuses", () => {
        const cases: [string, object, string][] = [
            [
                "a wildcard producer",
                { producers: ["*"] },
                'argument `producers[0]` is "*", not one exact IAM role ARN; name each role by its ARN (e.g. a LeastPrivilegeRole\'s `arn`).',
            ],
            [
                "a whole account as consumer",
                { consumers: [`arn:aws:iam::${ACCOUNT}:root`] },
                `argument \`consumers[0]\` is "arn:aws:iam::${ACCOUNT}:root", not one exact IAM role ARN; name each role by its ARN (e.g. a LeastPrivilegeRole's \`arn\`).`,
            ],
            [
                "retries without end",
                { maxReceiveCount: 50 },
                "argument `maxReceiveCount` is 50, outside 1..10 (a message retried forever is never replayed); use a whole number from 1 to 10 or leave it out for 5.",
            ],
            [
                "a retention the dead-letter queue cannot outlast",
                { messageRetentionSeconds: 1209600 },
                "argument `messageRetentionSeconds` is 1209600, outside 60..1209599 (the dead-letter queue keeps messages 14 days and must outlast the queue so failed batches can be replayed); use a whole number from 60 to 1209599 or leave it out for 345600.",
            ],
            [
                "a queue name SQS would reject",
                { queueName: "crm events" },
                "argument `queueName` is \"crm events\", not an SQS queue name; use up to 76 letters, digits, '-' or '_' (the dead-letter queue adds \"-dlq\").",
            ],
            [
                "something that is not a region",
                { region: "europe" },
                'argument `region` is "europe", not an AWS region; use a region name such as "eu-west-1".',
            ],
            [
                "a key deletion window below the minimum",
                { keyDeletionWindowDays: 7 },
                "argument `keyDeletionWindowDays` is 7, outside 30..30 (a shorter window risks losing every queued message to a mistaken deletion); use a whole number from 30 to 30 or leave it out for 30.",
            ],
        ];
        for (const [what, a, message] of cases) {
            it(`${what}, before creating anything`, async () => {
                const m = mark();
                assert.equal(
                    refusal(() => new EncryptedQueue("q", a as any)),
                    `EncryptedQueue "q": ${message}`,
                );
                await settle();
                assert.deepEqual(since(m), []);
            });
        }

        it("a producer that resolves to a wildcard, failing the program before the key is created", async () => {
            const m = mark();
            const failures = await failuresOf(
                () =>
                    new EncryptedQueue("late", {
                        producers: [pulumi.output("*")],
                        accountId: ACCOUNT,
                    }),
            );
            assert.ok(failures.length > 0);
            assert.ok(
                failures.every((f) =>
                    f.endsWith(
                        'EncryptedQueue "late": argument `producers[0]` resolved to "*", not one exact IAM role ARN; name each role by its ARN.',
                    ),
                ),
                failures.join("\n"),
            );
            assert.ok(!since(m).some((r) => r.type === "aws:kms/key:Key"));
        });
    });
});
