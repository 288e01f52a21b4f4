import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/sns/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const TYPE = "aws:sns/topic:Topic";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const compliant = { name: "crm-changes", kmsMasterKeyId: KEY };

describe("aws-sns-topic-enable-kms-encryption", () => {
    it("accepts a topic encrypted with a customer-managed key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "t",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a topic with no key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "t",
            props: { name: "crm-changes" },
        });
        assert.deepEqual(out.violations, [
            'SNS topic "t" is not encrypted with a KMS key, so messages awaiting delivery sit at rest unprotected by a key this organisation controls; set `kmsMasterKeyId` to a customer-managed KMS key.',
        ]);
    });

    it("rejects the AWS-managed alias and names it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "t",
            props: { ...compliant, kmsMasterKeyId: "alias/aws/sns" },
        });
        assert.deepEqual(out.violations, [
            'SNS topic "t" is encrypted with the AWS-managed key "alias/aws/sns", which this organisation cannot rotate, restrict or audit; set `kmsMasterKeyId` to a customer-managed KMS key.',
        ]);
    });

    it("accepts the AWS-managed alias when config does not require customer-managed keys", async () => {
        const out = await checkResource(
            enableKmsEncryption,
            { type: TYPE, name: "t", props: { ...compliant, kmsMasterKeyId: "alias/aws/sns" } },
            { requireCustomerManagedKey: false },
        );
        assert.deepEqual(out.violations, []);
    });

    it("accepts a customer-managed alias", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "t",
            props: { kmsMasterKeyId: "alias/crm" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads a wrongly typed key without throwing and reports it as missing", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "t",
            props: { kmsMasterKeyId: { id: KEY } },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /is not encrypted with a KMS key/);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "t",
            props: { kmsMasterKeyId: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsMasterKeyId/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: "aws:sqs/queue:Queue",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    describe("remediation", () => {
        const config = { remediationKmsKeyId: KEY };

        for (const [what, before] of [
            ["no key", { name: "crm-changes" }],
            ["the AWS-managed key", { name: "crm-changes", kmsMasterKeyId: "alias/aws/sns" }],
        ] as const) {
            it(`sets the configured key on a topic with ${what}, and the result passes`, async () => {
                const { props } = await remediate(
                    enableKmsEncryption,
                    { type: TYPE, name: "t", props: before },
                    config,
                );
                assert.deepEqual(props, compliant);
                const after = await checkResource(
                    enableKmsEncryption,
                    { type: TYPE, name: "t", props: props! },
                    config,
                );
                assert.deepEqual(after.violations, []);
            });
        }

        it("changes nothing when no key is configured, or the configured key is AWS-managed", async () => {
            assert.equal(
                (
                    await remediate(enableKmsEncryption, {
                        type: TYPE,
                        name: "t",
                        props: { name: "crm-changes" },
                    })
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        { type: TYPE, name: "t", props: { name: "crm-changes" } },
                        { remediationKmsKeyId: "alias/aws/sns" },
                    )
                ).props,
                undefined,
            );
        });

        it("changes nothing on a compliant topic, an accepted AWS-managed key, or another type", async () => {
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        {
                            type: TYPE,
                            name: "t",
                            props: { ...compliant, kmsMasterKeyId: "alias/crm" },
                        },
                        config,
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        { type: TYPE, name: "t", props: { kmsMasterKeyId: "alias/aws/sns" } },
                        { ...config, requireCustomerManagedKey: false },
                    )
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(
                        enableKmsEncryption,
                        { type: "aws:sqs/queue:Queue", name: "t", props: {} },
                        config,
                    )
                ).props,
                undefined,
            );
        });

        it("does not read unknown values it does not need, and leaves an unknown key to the framework", async () => {
            const other = await remediate(
                enableKmsEncryption,
                { type: TYPE, name: "t", props: { name: unknown.string } },
                config,
            );
            assert.equal(other.props?.kmsMasterKeyId, KEY);
            const own = await remediate(
                enableKmsEncryption,
                { type: TYPE, name: "t", props: { kmsMasterKeyId: unknown.string } },
                config,
            );
            assert.match(
                own.unknownDuringPreview ?? "",
                /kmsMasterKeyId can't be known during preview/,
            );
        });
    });
});
