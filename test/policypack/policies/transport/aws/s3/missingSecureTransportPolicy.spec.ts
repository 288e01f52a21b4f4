import * as assert from "node:assert/strict";
import { enforceSecureTransport } from "../../../../../../policypack/policies/transport/aws/s3/enforceSecureTransport";
import { missingSecureTransportPolicy } from "../../../../../../policypack/policies/transport/aws/s3/missingSecureTransportPolicy";
import { checkResource, checkStack, unknown, urn } from "../../../../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ARN = "arn:aws:s3:::crm-staging";
const deny = {
    Sid: "DenyPlaintextTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [ARN, `${ARN}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const allow = {
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111122223333:role/sync" },
    Action: "s3:GetObject",
    Resource: `${ARN}/*`,
};
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const bucket = (name = "crm-staging", props: Record<string, any> = {}, type = BUCKET) => ({
    type,
    name,
    props,
});
const linkedPolicy = (
    bucketName = "crm-staging",
    policy: string = unknown.string,
    type = BUCKET,
) => ({
    type: POLICY,
    name: `${bucketName}-policy`,
    props: { bucket: unknown.string, policy },
    propertyDependencies: { bucket: [urn(type, bucketName)] },
});
const MESSAGE = (name: string) =>
    `S3 bucket "${name}" has no bucket policy (no \`policy\` and no aws.s3.BucketPolicy in the stack), so nothing denies requests where "aws:SecureTransport" is "false" and objects can be written or read over plaintext HTTP; attach a policy that denies them for every principal and "s3:*" on the bucket and its objects.`;

describe("aws-s3-bucket-missing-secure-transport-policy", () => {
    it("is advisory: the pack cannot tell from a bucket alone whether it is in the sync path", () => {
        assert.equal(missingSecureTransportPolicy.enforcementLevel, "advisory");
    });

    it("rejects a bucket (Bucket or BucketV2) with no policy at all, on the bucket", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            bucket(),
            bucket("erp-exports", {}, BUCKET_V2),
        ]);
        assert.deepEqual(out.violations, [MESSAGE("crm-staging"), MESSAGE("erp-exports")]);
        assert.deepEqual(out.urns, [urn(BUCKET, "crm-staging"), urn(BUCKET_V2, "erp-exports")]);
    });

    it("accepts a bucket whose inline policy denies plaintext requests", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            bucket("crm-staging", { policy: doc(deny, allow) }),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts buckets with a separate BucketPolicy, linked by property dependency during preview", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            bucket(),
            bucket("erp-exports", {}, BUCKET_V2),
            linkedPolicy(),
            linkedPolicy("erp-exports", doc(deny), BUCKET_V2),
        ]);
        assert.deepEqual(out.violations, []);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("links a BucketPolicy without a property dependency by the bucket name", async () => {
        const policy = {
            type: POLICY,
            name: "p",
            props: { bucket: "crm-staging", policy: doc(deny) },
        };
        assert.deepEqual(
            (
                await checkStack(missingSecureTransportPolicy, [
                    bucket("staging", { bucket: "crm-staging" }),
                    policy,
                ])
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await checkStack(missingSecureTransportPolicy, [
                    bucket("b", { id: "crm-staging" }),
                    policy,
                ])
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await checkStack(missingSecureTransportPolicy, [
                    bucket("erp-exports", { bucket: "erp-exports" }),
                    policy,
                ])
            ).violations,
            [MESSAGE("erp-exports")],
        );
    });

    it("leaves a bucket whose only policy lacks the denial to aws-s3-bucketpolicy-enforce-secure-transport, so it is reported once", async () => {
        const policy = linkedPolicy("crm-staging", doc(allow));
        assert.deepEqual(
            (await checkStack(missingSecureTransportPolicy, [bucket(), policy])).violations,
            [],
        );
        assert.equal((await checkResource(enforceSecureTransport, policy)).violations.length, 1);
    });

    it("reports the buckets it can judge, then leaves an inline policy that is unknown during preview to the framework", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            bucket("crm-staging", { policy: unknown.string }),
            bucket("erp-exports"),
        ]);
        assert.deepEqual(out.violations, [MESSAGE("erp-exports")]);
        assert.match(out.unknownDuringPreview ?? "", /policy/);
    });

    it("does not throw on wrongly typed fields", async () => {
        const out = await checkStack(missingSecureTransportPolicy, [
            bucket("crm-staging", { bucket: 5, id: [] }),
            { type: POLICY, name: "p", props: { bucket: null, policy: doc(deny) } },
        ]);
        assert.deepEqual(out.violations, [MESSAGE("crm-staging")]);
    });
});
