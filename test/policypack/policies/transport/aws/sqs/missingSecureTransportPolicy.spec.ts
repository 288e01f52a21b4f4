import * as assert from "node:assert/strict";
import { enforceSecureTransport } from "../../../../../../policypack/policies/transport/aws/sqs/enforceSecureTransport";
import { missingSecureTransportPolicy } from "../../../../../../policypack/policies/transport/aws/sqs/missingSecureTransportPolicy";
import { checkResource, checkStack, unknown, urn } from "../../../../harness";

const QUEUE = "aws:sqs/queue:Queue";
const POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const ARN = "arn:aws:sqs:eu-west-1:111122223333:crm-events";
const URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/crm-events";
const deny = {
    Sid: "DenyPlaintextTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "sqs:*",
    Resource: ARN,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const allow = {
    Sid: "ProducersSend",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111122223333:role/sync" },
    Action: "sqs:SendMessage",
    Resource: ARN,
};
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const queue = (name = "crm-events", props: Record<string, any> = { name }) => ({
    type: QUEUE,
    name,
    props,
});
/** A QueuePolicy as the engine shows it during preview: values unknown, linked by property dependency. */
const linkedPolicy = (queueName = "crm-events", policy: string = unknown.string) => ({
    type: POLICY,
    name: `${queueName}-policy`,
    props: { queueUrl: unknown.string, policy },
    propertyDependencies: { queueUrl: [urn(QUEUE, queueName)], policy: [urn(QUEUE, queueName)] },
});
const MESSAGE = (name: string) =>
    `SQS queue "${name}" has no queue policy (no \`policy\` and no aws.sqs.QueuePolicy in the stack), so nothing denies requests where "aws:SecureTransport" is "false" and personal data can be sent or read over plaintext HTTP; attach a policy that denies them for every principal and "sqs:*" (EncryptedQueue does).`;

describe("aws-sqs-queue-missing-secure-transport-policy", () => {
    it("rejects a queue with no policy at all, on the queue", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [queue()]);
        assert.deepEqual(out.violations, [MESSAGE("crm-events")]);
        assert.deepEqual(out.urns, [urn(QUEUE, "crm-events")]);
    });

    it("accepts a queue whose inline policy denies plaintext requests", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            queue("crm-events", { name: "crm-events", policy: doc(deny, allow) }),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts a queue and its dead-letter queue that each have a compliant QueuePolicy, linked by property dependency during preview", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            queue(),
            queue("crm-events-dlq"),
            linkedPolicy("crm-events", doc(deny)),
            linkedPolicy("crm-events-dlq"),
        ]);
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("links a QueuePolicy without a property dependency by the queue URL, or the queue name at its end", async () => {
        const byUrl = await checkStack(missingSecureTransportPolicy, [
            queue("crm-events", { url: URL }),
            { type: POLICY, name: "p", props: { queueUrl: URL, policy: doc(deny) } },
        ]);
        assert.deepEqual(byUrl.violations, []);
        const byName = await checkStack(missingSecureTransportPolicy, [
            queue("events", { name: "crm-events" }),
            { type: POLICY, name: "p", props: { queueUrl: `${URL}/`, policy: doc(deny) } },
        ]);
        assert.deepEqual(byName.violations, []);
    });

    it("does not let a QueuePolicy of one queue cover another", async () => {
        const linked = await checkStack(missingSecureTransportPolicy, [
            queue(),
            queue("erp-acks"),
            linkedPolicy("crm-events", doc(deny)),
        ]);
        assert.deepEqual(linked.violations, [MESSAGE("erp-acks")]);
        const byValue = await checkStack(missingSecureTransportPolicy, [
            queue("erp-acks", { name: "erp-acks" }),
            { type: POLICY, name: "p", props: { queueUrl: URL, policy: doc(deny) } },
        ]);
        assert.deepEqual(byValue.violations, [MESSAGE("erp-acks")]);
    });

    it("leaves a queue whose only policy lacks the denial to aws-sqs-queuepolicy-enforce-secure-transport, so it is reported once", async () => {
        const policy = linkedPolicy("crm-events", doc(allow));
        const stack = await checkStack(missingSecureTransportPolicy, [queue(), policy]);
        assert.deepEqual(stack.violations, []);
        const resource = await checkResource(enforceSecureTransport, policy);
        assert.equal(resource.violations.length, 1);
        assert.match(resource.violations[0], /has no statement that denies requests/);
        const inline = queue("crm-events", { policy: doc(allow) });
        assert.deepEqual((await checkStack(missingSecureTransportPolicy, [inline])).violations, []);
        assert.equal((await checkResource(enforceSecureTransport, inline)).violations.length, 1);
    });

    it("treats an empty inline policy as none", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            queue("crm-events", { policy: "" }),
            queue("erp-acks", { policy: null }),
        ]);
        assert.deepEqual(out.violations, [MESSAGE("crm-events"), MESSAGE("erp-acks")]);
    });

    it("reports the queues it can judge, then leaves an inline policy that is unknown during preview to the framework", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            queue("crm-events", { name: "crm-events", policy: unknown.string }),
            queue("erp-acks"),
        ]);
        assert.deepEqual(out.violations, [MESSAGE("erp-acks")]);
        assert.match(out.unknownDuringPreview ?? "", /policy/);
    });

    it("does not throw on wrongly typed fields", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            queue("crm-events", { name: 7, url: ["x"] }),
            { type: POLICY, name: "p", props: { queueUrl: 3, policy: doc(deny) } },
        ]);
        assert.deepEqual(out.violations, [MESSAGE("crm-events")]);
    });
});
