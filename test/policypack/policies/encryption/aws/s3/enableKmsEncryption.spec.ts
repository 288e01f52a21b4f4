import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/s3/enableKmsEncryption";
import { checkStack, unknown, urn } from "../../../../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE =
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FIX =
    'configure default encryption (a BucketServerSideEncryptionConfiguration) with `sseAlgorithm` "aws:kms", a customer-managed `kmsMasterKeyId` and `bucketKeyEnabled: true`.';
const rule = {
    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
    bucketKeyEnabled: true,
};

function stack(
    rules: unknown[] | undefined,
    bucketProps: Record<string, any> = {},
    link: "urn" | "name" = "urn",
) {
    const resources: any[] = [
        { type: BUCKET, name: "staging", props: { bucket: "crm-staging", ...bucketProps } },
    ];
    if (rules !== undefined) {
        resources.push({
            type: SSE,
            name: "staging-sse",
            props: { bucket: "crm-staging", rules },
            propertyDependencies: link === "urn" ? { bucket: [urn(BUCKET, "staging")] } : {},
        });
    }
    return resources;
}

describe("aws-s3-bucket-enable-kms-encryption", () => {
    it("accepts a bucket whose encryption configuration uses a customer key and bucket keys", async () => {
        const out = await checkStack(enableKmsEncryption, stack([rule]));
        assert.deepEqual(out.violations, []);
    });

    it("resolves the encryption configuration by bucket name when there are no property dependencies", async () => {
        const out = await checkStack(enableKmsEncryption, stack([rule], {}, "name"));
        assert.deepEqual(out.violations, []);
    });

    it("accepts an inline encryption configuration", async () => {
        const out = await checkStack(
            enableKmsEncryption,
            stack(undefined, { serverSideEncryptionConfiguration: { rule } }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("reports a bucket without default encryption, against the bucket's URN", async () => {
        const out = await checkStack(enableKmsEncryption, stack(undefined));
        assert.deepEqual(out.violations, [
            `S3 bucket "staging" has no default encryption configuration, so staged personal data is encrypted only with S3-managed keys (SSE-S3) this organisation cannot control; ${FIX}`,
        ]);
        assert.deepEqual(out.urns, [urn(BUCKET, "staging")]);
    });

    it("reports AES256 default encryption and quotes the algorithm", async () => {
        const out = await checkStack(
            enableKmsEncryption,
            stack([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
        );
        assert.deepEqual(out.violations, [
            `S3 bucket "staging" uses \`sseAlgorithm\` "AES256" for default encryption instead of "aws:kms", so staged personal data is not under a key this organisation controls; ${FIX}`,
        ]);
    });

    it("reports aws:kms without a key as the AWS-managed alias/aws/s3", async () => {
        const out = await checkStack(
            enableKmsEncryption,
            stack([
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" },
                    bucketKeyEnabled: true,
                },
            ]),
        );
        assert.deepEqual(out.violations, [
            `S3 bucket "staging" encrypts by default with the AWS-managed key "alias/aws/s3", which this organisation cannot rotate, restrict or audit; ${FIX}`,
        ]);
    });

    it("reports a missing bucket key", async () => {
        const out = await checkStack(
            enableKmsEncryption,
            stack([{ ...rule, bucketKeyEnabled: false }]),
        );
        assert.deepEqual(out.violations, [
            `S3 bucket "staging" does not set \`bucketKeyEnabled: true\`, so every object write calls KMS and large sync batches get throttled; ${FIX}`,
        ]);
    });

    it("skips a bucket tagged as outside the sync path", async () => {
        const out = await checkStack(
            enableKmsEncryption,
            stack(undefined, { tags: { "gdpr-guard.io/sync-path": "false" } }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed rules without throwing and reports the bucket", async () => {
        const out = await checkStack(enableKmsEncryption, stack(["aws:kms", 3] as unknown[]));
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /`sseAlgorithm` unset/);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const rules = [
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: unknown.string,
                },
                bucketKeyEnabled: true,
            },
        ];
        const out = await checkStack(enableKmsEncryption, stack(rules));
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsMasterKeyId/);
    });

    it("ignores stacks without buckets", async () => {
        const out = await checkStack(enableKmsEncryption, [
            { type: "aws:sqs/queue:Queue", props: {} },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts the AWS-managed key alias/aws/s3 only when `requireCustomerManagedKey` is false, and never SSE-S3", async () => {
        const managed = stack([
            { ...rule, applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } },
        ]);
        assert.equal((await checkStack(enableKmsEncryption, managed)).violations.length, 1);
        const relaxed = { requireCustomerManagedKey: false };
        assert.deepEqual((await checkStack(enableKmsEncryption, managed, relaxed)).violations, []);
        const sseS3 = stack([
            { ...rule, applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        assert.equal((await checkStack(enableKmsEncryption, sseS3, relaxed)).violations.length, 1);
    });
});
