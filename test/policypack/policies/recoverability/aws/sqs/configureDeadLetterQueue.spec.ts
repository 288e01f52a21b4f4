import * as assert from "node:assert/strict";
import { configureDeadLetterQueue } from "../../../../../../policypack/policies/recoverability/aws/sqs/configureDeadLetterQueue";
import { checkStack, unknown, urn, type ResourceInput } from "../../../../harness";

const QUEUE = "aws:sqs/queue:Queue";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const Q_ARN = "arn:aws:sqs:eu-west-1:111122223333:crm-events";
const DLQ_ARN = "arn:aws:sqs:eu-west-1:111122223333:crm-events-dlq";
const FIX = "(EncryptedQueue does).";

interface Options {
    queue?: Record<string, any>;
    dlq?: Record<string, any>;
    link?: boolean;
}

/** The compliant pair (a queue and its DLQ, linked by property dependency), with changes. */
type StackInput = ResourceInput & { propertyDependencies?: Record<string, string[]> };

function stack({ queue = {}, dlq = {}, link = true }: Options = {}): StackInput[] {
    return [
        {
            type: QUEUE,
            name: "crm-events-dlq",
            props: { arn: DLQ_ARN, kmsMasterKeyId: KEY, messageRetentionSeconds: 1209600, ...dlq },
        },
        {
            type: QUEUE,
            name: "crm-events",
            props: {
                arn: Q_ARN,
                kmsMasterKeyId: KEY,
                messageRetentionSeconds: 345600,
                redrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 }),
                ...queue,
            },
            propertyDependencies: link ? { redrivePolicy: [urn(QUEUE, "crm-events-dlq")] } : {},
        },
    ];
}

describe("aws-sqs-queue-configure-dead-letter-queue", () => {
    it("accepts a queue that redrives to an encrypted DLQ in the stack, resolved by URN", async () => {
        const out = await checkStack(configureDeadLetterQueue, stack());
        assert.deepEqual(out.violations, []);
    });

    it("resolves the DLQ by ARN when there are no property dependencies, with the policy as an object", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({
                link: false,
                queue: { redrivePolicy: { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 } },
            }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("accepts a DLQ outside the stack", async () => {
        const resources = stack({
            link: false,
            queue: {
                redrivePolicy: JSON.stringify({
                    deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:shared-dlq",
                    maxReceiveCount: 3,
                }),
            },
        });
        const out = await checkStack(configureDeadLetterQueue, resources.slice(1));
        assert.deepEqual(out.violations, []);
    });

    it("reports a queue without a redrive policy, against the queue's URN", async () => {
        const out = await checkStack(configureDeadLetterQueue, [
            { type: QUEUE, name: "crm-events", props: { kmsMasterKeyId: KEY } },
        ]);
        assert.deepEqual(out.violations, [
            `SQS queue "crm-events" has no \`redrivePolicy\`, so a message that fails mid-batch is retried until its retention expires and is then lost; set \`redrivePolicy\` to a dead-letter queue with a \`maxReceiveCount\` of at most 10 ${FIX}`,
        ]);
        assert.deepEqual(out.urns, [urn(QUEUE, "crm-events")]);
    });

    it("does not ask the DLQ itself for a dead-letter queue", async () => {
        const out = await checkStack(configureDeadLetterQueue, stack());
        assert.ok(!out.violations.some((m) => m.includes('"crm-events-dlq" has no')));
    });

    it("treats a queue with a redriveAllowPolicy as a DLQ", async () => {
        const props = {
            kmsMasterKeyId: KEY,
            redriveAllowPolicy: JSON.stringify({ redrivePermission: "allowAll" }),
        };
        const out = await checkStack(configureDeadLetterQueue, [
            { type: QUEUE, name: "shared-dlq", props },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("does not treat a redriveAllowPolicy of denyAll as a DLQ", async () => {
        const props = { kmsMasterKeyId: KEY, redriveAllowPolicy: { redrivePermission: "denyAll" } };
        const out = await checkStack(configureDeadLetterQueue, [{ type: QUEUE, name: "q", props }]);
        assert.equal(out.violations.length, 1);
    });

    it("reads a separate RedrivePolicy resource linked to its queue", async () => {
        const [dlq, queue] = stack();
        const { redrivePolicy, ...queueProps } = queue.props;
        const out = await checkStack(configureDeadLetterQueue, [
            dlq,
            { type: QUEUE, name: "crm-events", props: queueProps },
            {
                type: "aws:sqs/redrivePolicy:RedrivePolicy",
                name: "crm-events-redrive",
                props: {
                    queueUrl: "https://sqs.eu-west-1.amazonaws.com/111122223333/crm-events",
                    redrivePolicy,
                },
                propertyDependencies: {
                    queueUrl: [urn(QUEUE, "crm-events")],
                    redrivePolicy: [urn(QUEUE, "crm-events-dlq")],
                },
            },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("reports a redrive policy that is not JSON", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ queue: { redrivePolicy: "{deadLetterTargetArn:" } }),
        );
        assert.deepEqual(out.violations, [
            `SQS queue "crm-events" has a \`redrivePolicy\` that is not valid JSON, so its dead-letter queue cannot be checked; set it to {"deadLetterTargetArn": <DLQ ARN>, "maxReceiveCount": <1 to 10>} ${FIX}`,
        ]);
    });

    it("reports a wrongly typed redrive policy without throwing", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ queue: { redrivePolicy: 42 } }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /is not a JSON object/);
    });

    it("reports a redrive policy without a target", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ queue: { redrivePolicy: JSON.stringify({ maxReceiveCount: 5 }) } }),
        );
        assert.deepEqual(out.violations, [
            `SQS queue "crm-events" has a \`redrivePolicy\` without a \`deadLetterTargetArn\`, so failed messages have nowhere to go; set \`redrivePolicy.deadLetterTargetArn\` to a dead-letter queue's ARN ${FIX}`,
        ]);
    });

    it("reports an unbounded maxReceiveCount and names the value", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({
                queue: {
                    redrivePolicy: JSON.stringify({
                        deadLetterTargetArn: DLQ_ARN,
                        maxReceiveCount: 100,
                    }),
                },
            }),
        );
        assert.deepEqual(out.violations, [
            `SQS queue "crm-events" \`redrivePolicy.maxReceiveCount\` is 100, above the maximum of 10, so a poison message is retried long after it should be set aside; set it to 1 to 10 ${FIX}`,
        ]);
    });

    it("accepts maxReceiveCount at the maximum and as a numeric string", async () => {
        for (const maxReceiveCount of [10, "5"]) {
            const out = await checkStack(
                configureDeadLetterQueue,
                stack({
                    queue: {
                        redrivePolicy: JSON.stringify({
                            deadLetterTargetArn: DLQ_ARN,
                            maxReceiveCount,
                        }),
                    },
                }),
            );
            assert.deepEqual(out.violations, []);
        }
    });

    it("reports a missing or non-positive maxReceiveCount", async () => {
        const unset = await checkStack(
            configureDeadLetterQueue,
            stack({ queue: { redrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN }) } }),
        );
        assert.deepEqual(unset.violations, [
            `SQS queue "crm-events" \`redrivePolicy.maxReceiveCount\` is unset, so when a message moves to the dead-letter queue is undefined; set it to 1 to 10 ${FIX}`,
        ]);
        const zero = await checkStack(
            configureDeadLetterQueue,
            stack({
                queue: {
                    redrivePolicy: JSON.stringify({
                        deadLetterTargetArn: DLQ_ARN,
                        maxReceiveCount: 0,
                    }),
                },
            }),
        );
        assert.deepEqual(zero.violations, [
            `SQS queue "crm-events" \`redrivePolicy.maxReceiveCount\` is 0, not a positive whole number, so when a message moves to the dead-letter queue is undefined; set it to 1 to 10 ${FIX}`,
        ]);
    });

    it("follows a configured maximum receive count", async () => {
        const out = await checkStack(configureDeadLetterQueue, stack(), { maxReceiveCount: 3 });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /is 5, above the maximum of 3/);
    });

    it("reports a DLQ that keeps messages for less time than its source", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ dlq: { messageRetentionSeconds: 86400 } }),
        );
        assert.deepEqual(out.violations, [
            `SQS queue "crm-events" keeps messages 345600 seconds but its dead-letter queue "crm-events-dlq" only 86400, so a failed message can expire before anyone replays it; set \`messageRetentionSeconds\` on "crm-events-dlq" to at least 345600 ${FIX}`,
        ]);
    });

    it("accepts a DLQ with the same retention as its source, both at the SQS default", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({
                queue: { messageRetentionSeconds: undefined },
                dlq: { messageRetentionSeconds: undefined },
            }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("reports an unencrypted DLQ found by ARN", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ link: false, dlq: { kmsMasterKeyId: undefined } }),
        );
        assert.deepEqual(out.violations, [
            `SQS queue "crm-events" redrives to the dead-letter queue "crm-events-dlq", which is not encrypted, so failed personal data sits at rest in plaintext; set \`kmsMasterKeyId\` on "crm-events-dlq" to a customer-managed key ${FIX}`,
        ]);
    });

    it("accepts a DLQ encrypted with SSE-SQS (the encryption family judges the key)", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ dlq: { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true } }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed retention as the SQS default without throwing", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ dlq: { messageRetentionSeconds: "forever" } }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("resolves the DLQ by URN without reading ARNs that are unknown during preview", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ queue: { arn: unknown.string }, dlq: { arn: unknown.string } }),
        );
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("leaves a redrive policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkStack(
            configureDeadLetterQueue,
            stack({ queue: { redrivePolicy: unknown.string } }),
        );
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /redrivePolicy/);
    });

    it("ignores stacks without queues", async () => {
        const out = await checkStack(configureDeadLetterQueue, [
            { type: "aws:sns/topic:Topic", props: {} },
        ]);
        assert.deepEqual(out.violations, []);
    });
});
