import * as assert from "node:assert/strict";
import { enforceSecureTransport } from "../../../../../../policypack/policies/transport/aws/sqs/enforceSecureTransport";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:sqs/queuePolicy:QueuePolicy";
const ARN = "arn:aws:sqs:eu-west-1:111122223333:crm-events";
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
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const run = (policy: unknown, type = TYPE) =>
    checkResource(enforceSecureTransport, {
        type,
        name: "crm-events",
        props: { queueUrl: "https://sqs/q", policy },
    });

describe("aws-sqs-queuepolicy-enforce-secure-transport", () => {
    it("accepts a queue policy that denies plaintext requests, as a JSON string", async () => {
        assert.deepEqual((await run(JSON.stringify(doc(deny, allow)))).violations, []);
    });

    it("accepts the same denial as an object with a single-statement Statement and list-form fields", async () => {
        const out = await run({
            Statement: {
                ...deny,
                Principal: { AWS: "*" },
                Action: ["SQS:*"],
                Condition: { BoolIfExists: { "aws:securetransport": ["false"] } },
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a queue policy without the denial", async () => {
        const out = await run(JSON.stringify(doc(allow)));
        assert.deepEqual(out.violations, [
            'SQS queue policy "crm-events" has no statement that denies requests where "aws:SecureTransport" is "false", so personal data can be sent or read over plaintext HTTP; it should deny them for every principal and "sqs:*": add a Deny statement with Condition Bool "aws:SecureTransport": "false" (EncryptedQueue does).',
        ]);
    });

    it("rejects a denial that covers only some actions and names the statement", async () => {
        const out = await run(doc({ ...deny, Action: "sqs:SendMessage" }, allow));
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /denies requests without TLS in statement "DenyPlaintextTransport" only for some principals or actions/,
        );
    });

    it('does not count an Allow or a condition on "true" as a denial', async () => {
        const out = await run(
            doc(
                { ...deny, Effect: "Allow" },
                { ...deny, Condition: { Bool: { "aws:SecureTransport": "true" } } },
            ),
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /has no statement that denies/);
    });

    it("checks a queue's inline policy and ignores a queue without one", async () => {
        const out = await run(JSON.stringify(doc(allow)), "aws:sqs/queue:Queue");
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /^SQS queue "crm-events" policy has no statement/);
        const none = await checkResource(enforceSecureTransport, {
            type: "aws:sqs/queue:Queue",
            name: "q",
            props: {},
        });
        assert.deepEqual(none.violations, []);
    });

    it("reports a document it cannot parse instead of passing it", async () => {
        const out = await run("{not json");
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^SQS queue policy "crm-events" cannot be checked for a TLS-only denial: The policy document is not valid JSON/,
        );
        const wrong = await run(42);
        assert.equal(wrong.violations.length, 1);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await run(unknown.string);
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /policy/);
    });
});
