import * as assert from "node:assert/strict";
import { enforceSecureTransport } from "../../../../../../policypack/policies/transport/aws/s3/enforceSecureTransport";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:s3/bucketPolicy:BucketPolicy";
const ARN = "arn:aws:s3:::crm-exports";
const deny = {
    Sid: "TlsOnly",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [ARN, `${ARN}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const allow = {
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::1:role/sync" },
    Action: "s3:GetObject",
    Resource: `${ARN}/*`,
};
const run = (policy: unknown) =>
    checkResource(enforceSecureTransport, {
        type: TYPE,
        name: "exports",
        props: { bucket: "crm-exports", policy },
    });

describe("aws-s3-bucketpolicy-enforce-secure-transport", () => {
    it("is advisory by default", () => {
        assert.equal(enforceSecureTransport.enforcementLevel, "advisory");
    });

    it("accepts a bucket policy that denies plaintext requests", async () => {
        assert.deepEqual(
            (await run(JSON.stringify({ Version: "2012-10-17", Statement: [deny, allow] })))
                .violations,
            [],
        );
    });

    it("reports a bucket policy without the denial", async () => {
        const out = await run({ Statement: [allow] });
        assert.deepEqual(out.violations, [
            'S3 bucket policy "exports" has no statement that denies requests where "aws:SecureTransport" is "false", so personal data can be sent or read over plaintext HTTP; it should deny them for every principal and "s3:*": add a Deny statement with Condition Bool "aws:SecureTransport": "false".',
        ]);
    });

    it("reports a denial that uses NotAction", async () => {
        const { Action, ...rest } = deny;
        const out = await run({ Statement: [{ ...rest, NotAction: "s3:GetObject" }] });
        assert.match(out.violations[0], /statement "TlsOnly" only for some principals or actions/);
    });

    it("reports an empty document instead of throwing", async () => {
        const out = await run("");
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /cannot be checked for a TLS-only denial: The policy document is empty/,
        );
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await run(unknown.string);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
