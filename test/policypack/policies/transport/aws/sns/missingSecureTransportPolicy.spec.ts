import * as assert from "node:assert/strict";
import { enforceSecureTransport } from "../../../../../../policypack/policies/transport/aws/sns/enforceSecureTransport";
import { missingSecureTransportPolicy } from "../../../../../../policypack/policies/transport/aws/sns/missingSecureTransportPolicy";
import { checkResource, checkStack, unknown, urn } from "../../../../harness";

const TOPIC = "aws:sns/topic:Topic";
const POLICY = "aws:sns/topicPolicy:TopicPolicy";
const ARN = "arn:aws:sns:eu-west-1:111122223333:crm-changes";
const deny = {
    Sid: "DenyPlaintextTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "sns:*",
    Resource: ARN,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const allow = {
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111122223333:role/sync" },
    Action: "sns:Publish",
    Resource: ARN,
};
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const topic = (name = "crm-changes", props: Record<string, any> = { name }) => ({
    type: TOPIC,
    name,
    props,
});
const linkedPolicy = (topicName = "crm-changes", policy: string = unknown.string) => ({
    type: POLICY,
    name: `${topicName}-policy`,
    props: { arn: unknown.string, policy },
    propertyDependencies: { arn: [urn(TOPIC, topicName)] },
});
const MESSAGE = (name: string) =>
    `SNS topic "${name}" has no topic policy (no \`policy\` and no aws.sns.TopicPolicy in the stack), so nothing denies requests where "aws:SecureTransport" is "false" and personal data can be published or read over plaintext HTTP; attach a policy that denies them for every principal and "sns:*".`;

describe("aws-sns-topic-missing-secure-transport-policy", () => {
    it("rejects a topic with no policy at all, on the topic", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [topic()]);
        assert.deepEqual(out.violations, [MESSAGE("crm-changes")]);
        assert.deepEqual(out.urns, [urn(TOPIC, "crm-changes")]);
    });

    it("accepts a topic whose inline policy denies plaintext requests", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            topic("crm-changes", { policy: doc(deny, allow) }),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts a topic with a separate TopicPolicy, linked by property dependency during preview", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [topic(), linkedPolicy()]);
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("links a TopicPolicy without a property dependency by the topic ARN, or the name at its end", async () => {
        const policy = { type: POLICY, name: "p", props: { arn: ARN, policy: doc(deny) } };
        assert.deepEqual(
            (await checkStack(missingSecureTransportPolicy, [topic("t", { arn: ARN }), policy]))
                .violations,
            [],
        );
        assert.deepEqual(
            (
                await checkStack(missingSecureTransportPolicy, [
                    topic("t", { name: "crm-changes" }),
                    policy,
                ])
            ).violations,
            [],
        );
        assert.deepEqual(
            (await checkStack(missingSecureTransportPolicy, [topic("erp-acks"), policy]))
                .violations,
            [MESSAGE("erp-acks")],
        );
    });

    it("leaves a topic whose only policy lacks the denial to aws-sns-topicpolicy-enforce-secure-transport, so it is reported once", async () => {
        const policy = linkedPolicy("crm-changes", doc(allow));
        assert.deepEqual(
            (await checkStack(missingSecureTransportPolicy, [topic(), policy])).violations,
            [],
        );
        assert.equal((await checkResource(enforceSecureTransport, policy)).violations.length, 1);
    });

    it("reports the topics it can judge, then leaves an inline policy that is unknown during preview to the framework", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            topic("crm-changes", { policy: unknown.string }),
            topic("erp-changes"),
        ]);
        assert.deepEqual(out.violations, [MESSAGE("erp-changes")]);
        assert.match(out.unknownDuringPreview ?? "", /policy/);
    });

    it("does not throw on wrongly typed fields", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            topic("crm-changes", { name: ["x"], arn: 4 }),
            { type: POLICY, name: "p", props: { arn: {}, policy: doc(deny) } },
        ]);
        assert.deepEqual(out.violations, [MESSAGE("crm-changes")]);
    });
});
