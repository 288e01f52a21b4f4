import * as assert from "node:assert/strict";
import { enforceSecureTransport } from "../../../../../../policypack/policies/transport/aws/sns/enforceSecureTransport";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:sns/topicPolicy:TopicPolicy";
const ARN = "arn:aws:sns:eu-west-1:111122223333:crm";
const deny = {
    Effect: "Deny",
    Principal: "*",
    Action: "SNS:*",
    Resource: ARN,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const allow = {
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: "sns:Publish",
    Resource: ARN,
};
const run = (policy: unknown, type = TYPE) =>
    checkResource(enforceSecureTransport, { type, name: "crm", props: { arn: ARN, policy } });

describe("aws-sns-topicpolicy-enforce-secure-transport", () => {
    it("accepts a topic policy that denies plaintext requests", async () => {
        assert.deepEqual((await run(JSON.stringify({ Statement: [deny, allow] }))).violations, []);
    });

    it("rejects a topic policy without the denial", async () => {
        const out = await run({ Statement: [allow] });
        assert.deepEqual(out.violations, [
            'SNS topic policy "crm" has no statement that denies requests where "aws:SecureTransport" is "false", so personal data can be sent or read over plaintext HTTP; it should deny them for every principal and "sns:*": add a Deny statement with Condition Bool "aws:SecureTransport": "false".',
        ]);
    });

    it("rejects a denial limited to one principal", async () => {
        const out = await run({
            Statement: [{ ...deny, Principal: { AWS: "arn:aws:iam::1:root" } }],
        });
        assert.match(
            out.violations[0],
            /denies requests without TLS in statement #0 only for some principals or actions/,
        );
    });

    it("checks a topic's inline policy", async () => {
        const out = await run(JSON.stringify({ Statement: [allow] }), "aws:sns/topic:Topic");
        assert.match(out.violations[0], /^SNS topic "crm" policy has no statement/);
    });

    it("reports a wrongly typed document instead of throwing", async () => {
        const out = await run(["x"]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /cannot be checked/);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await run(unknown.string);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
