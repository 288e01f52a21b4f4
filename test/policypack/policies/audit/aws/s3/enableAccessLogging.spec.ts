import * as assert from "node:assert/strict";
import { enableAccessLogging } from "../../../../../../policypack/policies/audit/aws/s3/enableAccessLogging";
import { checkStack, unknown, urn } from "../../../../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
const msg = (name: string) =>
    `S3 bucket "${name}" has no server access logging (no \`logging\` and no aws.s3.BucketLogging in the stack names it), so there is no record of who read or wrote the personal data staged in it; add an aws.s3.BucketLogging with \`bucket\` set to it and \`targetBucket\` set to a separate log bucket.`;

describe("aws-s3-bucket-enable-access-logging", () => {
    it("accepts a bucket named by a BucketLogging (by property dependency), and does not ask the log bucket to log itself", async () => {
        for (const type of [LOGGING, LOGGING_V2]) {
            const out = await checkStack(enableAccessLogging, [
                { type: BUCKET, name: "staging", props: { bucket: unknown.string } },
                { type: BUCKET, name: "logs", props: { bucket: unknown.string } },
                {
                    type,
                    name: "staging-logging",
                    props: { bucket: unknown.string, targetBucket: unknown.string },
                    propertyDependencies: {
                        bucket: [urn(BUCKET, "staging")],
                        targetBucket: [urn(BUCKET, "logs")],
                    },
                },
            ]);
            assert.deepEqual(out.violations, [], type);
            assert.equal(out.unknownDuringPreview, undefined, "no name was read");
        }
    });

    it("reports a sync-path bucket with no logging, on the bucket", async () => {
        const out = await checkStack(enableAccessLogging, [
            { type: BUCKET_V2, name: "staging", props: { bucket: unknown.string } },
        ]);
        assert.deepEqual(out.violations, [msg("staging")]);
        assert.deepEqual(out.urns, [urn(BUCKET_V2, "staging")]);
    });

    it("accepts inline logging (`logging`, `loggings`), but not the empty blocks a state export lists", async () => {
        const out = await checkStack(enableAccessLogging, [
            { type: BUCKET, name: "a", props: { logging: { targetBucket: unknown.string } } },
            { type: BUCKET_V2, name: "b", props: { loggings: [{ targetBucket: "logs" }] } },
            { type: BUCKET_V2, name: "c", props: { loggings: [], logging: null } },
        ]);
        assert.deepEqual(out.violations, [msg("c")]);
    });

    it("links a BucketLogging by name when it has no property dependency", async () => {
        const out = await checkStack(enableAccessLogging, [
            { type: BUCKET, name: "staging", props: { bucket: "crm-staging" } },
            { type: BUCKET, name: "other", props: { bucket: "crm-other" } },
            {
                type: LOGGING,
                name: "staging-logging",
                props: { bucket: "crm-staging", targetBucket: "central-logs" },
            },
        ]);
        assert.deepEqual(out.violations, [msg("other")]);
    });

    it("does not report buckets tagged outside the sync path", async () => {
        const tagged = { tags: { "gdpr-guard.io/sync-path": "false" } };
        const out = await checkStack(enableAccessLogging, [
            { type: BUCKET, name: "assets", props: tagged },
        ]);
        assert.deepEqual(out.violations, []);
        const all = await checkStack(
            enableAccessLogging,
            [{ type: BUCKET, name: "assets", props: tagged }],
            { outsideSyncPathTags: {} },
        );
        assert.deepEqual(all.violations, [msg("assets")]);
    });

    it("reads wrongly typed logging blocks without throwing", async () => {
        const out = await checkStack(enableAccessLogging, [
            { type: BUCKET, name: "a", props: { logging: "yes", loggings: "x" } },
            { type: LOGGING, name: "l", props: { bucket: 42 } },
        ]);
        assert.deepEqual(out.violations, [msg("a")]);
    });

    it("leaves unknown tags during preview to the framework", async () => {
        const out = await checkStack(enableAccessLogging, [
            { type: BUCKET, name: "a", props: { tags: unknown.object } },
        ]);
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /tags/);
    });
});
