import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/sqs/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const TYPE = "aws:sqs/queue:Queue";
const compliant = {
    name: "crm-events",
    kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    kmsDataKeyReusePeriodSeconds: 300,
};

describe("aws-sqs-queue-enable-kms-encryption", () => {
    it("accepts a queue encrypted with a customer-managed KMS key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a queue with no encryption at all", async () => {
        const { kmsMasterKeyId, ...props } = compliant;
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props });
        assert.deepEqual(out.violations, [
            'SQS queue "q" is not encrypted with a KMS key, so queued personal data sits at rest in plaintext; set `kmsMasterKeyId` to a customer-managed key (EncryptedQueue does).',
        ]);
    });

    it("rejects SSE-SQS by default and accepts it when config allows it", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const props = { ...rest, sqsManagedSseEnabled: true };
        const strict = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props });
        assert.equal(strict.violations.length, 1);
        assert.match(strict.violations[0], /uses SSE-SQS/);
        const relaxed = await checkResource(
            enableKmsEncryption,
            { type: TYPE, name: "q", props },
            { allowSqsManagedSse: true },
        );
        assert.deepEqual(relaxed.violations, []);
    });

    it("rejects an empty key id", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: { ...compliant, kmsMasterKeyId: " " },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: { ...compliant, kmsMasterKeyId: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsMasterKeyId/);
    });

    it("rejects an explicit sqsManagedSseEnabled false with no KMS key, even when SSE-SQS is allowed", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const props = { ...rest, sqsManagedSseEnabled: false };
        const expected = [
            'SQS queue "q" sets `sqsManagedSseEnabled: false` and has no KMS key, so queued personal data sits at rest in plaintext; set `kmsMasterKeyId` to a customer-managed key (EncryptedQueue does).',
        ];
        const strict = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props });
        assert.deepEqual(strict.violations, expected);
        const relaxed = await checkResource(
            enableKmsEncryption,
            { type: TYPE, name: "q", props },
            { allowSqsManagedSse: true },
        );
        assert.deepEqual(relaxed.violations, expected);
    });

    it("rejects the AWS-managed alias and names it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: { ...compliant, kmsMasterKeyId: "alias/aws/sqs" },
        });
        assert.deepEqual(out.violations, [
            'SQS queue "q" is encrypted with the AWS-managed key "alias/aws/sqs", which this organisation cannot rotate, restrict or audit; set `kmsMasterKeyId` to a customer-managed key (EncryptedQueue does).',
        ]);
    });

    it("rejects the AWS-managed alias given as an alias ARN", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: {
                ...compliant,
                kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/sqs",
            },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /"alias\/aws\/sqs"/);
    });

    it("accepts the AWS-managed alias when config does not require customer-managed keys", async () => {
        const out = await checkResource(
            enableKmsEncryption,
            { type: TYPE, name: "q", props: { ...compliant, kmsMasterKeyId: "alias/aws/sqs" } },
            { requireCustomerManagedKey: false },
        );
        assert.deepEqual(out.violations, []);
    });

    it("accepts a customer-managed alias", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: { ...compliant, kmsMasterKeyId: "alias/crm-events" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts SSE-SQS on a queue tagged as outside the sync path", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const props = {
            ...rest,
            sqsManagedSseEnabled: true,
            tags: { "gdpr-guard.io/sync-path": "false" },
        };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props });
        assert.deepEqual(out.violations, []);
    });

    it("still rejects SSE-SQS on a queue whose sync-path tag says true", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const props = {
            ...rest,
            sqsManagedSseEnabled: true,
            tags: { "gdpr-guard.io/sync-path": "true" },
        };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /uses SSE-SQS/);
    });

    it("still rejects an unencrypted queue tagged as outside the sync path", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const props = { ...rest, tags: { "gdpr-guard.io/sync-path": "false" } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /is not encrypted with a KMS key/);
    });

    it("treats an empty outsideSyncPathTags selector as exempting no queue", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const props = {
            ...rest,
            sqsManagedSseEnabled: true,
            tags: { "gdpr-guard.io/sync-path": "false" },
        };
        const out = await checkResource(
            enableKmsEncryption,
            { type: TYPE, name: "q", props },
            { outsideSyncPathTags: {} },
        );
        assert.equal(out.violations.length, 1);
    });

    it("reads wrongly typed fields without throwing and reports the queue as unencrypted", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: { kmsMasterKeyId: 42, sqsManagedSseEnabled: "yes", tags: "oops" },
        });
        assert.deepEqual(out.violations, [
            'SQS queue "q" is not encrypted with a KMS key, so queued personal data sits at rest in plaintext; set `kmsMasterKeyId` to a customer-managed key (EncryptedQueue does).',
        ]);
    });

    it("leaves an SSE flag that is unknown during preview to the framework", async () => {
        const { kmsMasterKeyId, ...rest } = compliant;
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "q",
            props: { ...rest, sqsManagedSseEnabled: unknown.boolean },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /sqsManagedSseEnabled/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: "aws:sns/topic:Topic",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    describe("remediation", () => {
        const KEY = compliant.kmsMasterKeyId;
        const config = { remediationKmsKeyId: KEY };
        const queue = (props: Record<string, any>) => ({
            type: TYPE,
            name: "q",
            props: { name: "crm-events", ...props },
        });

        for (const [what, before] of [
            ["no encryption", {}],
            ["SSE-SQS switched off", { sqsManagedSseEnabled: false }],
            ["SSE-SQS", { sqsManagedSseEnabled: true }],
            ["the AWS-managed key", { kmsMasterKeyId: "alias/aws/sqs" }],
        ] as const) {
            it(`sets the configured key on a queue with ${what}, and the result passes`, async () => {
                const { props } = await remediate(enableKmsEncryption, queue(before), config);
                assert.deepEqual(props, { name: "crm-events", kmsMasterKeyId: KEY });
                const after = await checkResource(
                    enableKmsEncryption,
                    { ...queue({}), props: props! },
                    config,
                );
                assert.deepEqual(after.violations, []);
            });
        }

        it("turns on SSE-SQS when no key is configured and SSE-SQS is allowed, and the result passes", async () => {
            const allow = { allowSqsManagedSse: true };
            const { props } = await remediate(
                enableKmsEncryption,
                queue({ sqsManagedSseEnabled: false }),
                allow,
            );
            assert.deepEqual(props, { name: "crm-events", sqsManagedSseEnabled: true });
            const after = await checkResource(
                enableKmsEncryption,
                { ...queue({}), props: props! },
                allow,
            );
            assert.deepEqual(after.violations, []);
        });

        it("changes nothing when no key is configured and SSE-SQS is not allowed, or the configured key is AWS-managed", async () => {
            assert.equal((await remediate(enableKmsEncryption, queue({}))).props, undefined);
            assert.equal(
                (
                    await remediate(enableKmsEncryption, queue({}), {
                        remediationKmsKeyId: "alias/aws/sqs",
                    })
                ).props,
                undefined,
            );
        });

        it("changes nothing on a queue the rule accepts: a customer key, SSE-SQS outside the sync path, an accepted AWS-managed key", async () => {
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        queue({ kmsMasterKeyId: "alias/crm" }),
                        config,
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        queue({
                            sqsManagedSseEnabled: true,
                            tags: { "gdpr-guard.io/sync-path": "false" },
                        }),
                        config,
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        queue({ kmsMasterKeyId: "alias/aws/sqs" }),
                        { ...config, requireCustomerManagedKey: false },
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        { type: "aws:sns/topic:Topic", name: "t", props: {} },
                        config,
                    )
                ).props,
                undefined,
            );
        });

        it("does not read unknown values it does not need, and leaves an unknown key to the framework", async () => {
            const other = await remediate(
                enableKmsEncryption,
                queue({ policy: unknown.string }),
                config,
            );
            assert.equal(other.props?.kmsMasterKeyId, KEY);
            const own = await remediate(
                enableKmsEncryption,
                queue({ kmsMasterKeyId: unknown.string }),
                config,
            );
            assert.match(
                own.unknownDuringPreview ?? "",
                /kmsMasterKeyId can't be known during preview/,
            );
        });
    });
});
