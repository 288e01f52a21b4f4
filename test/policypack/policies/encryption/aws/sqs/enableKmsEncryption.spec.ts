import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/sqs/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:sqs/queue:Queue";
const compliant = {
    name: "crm-events",
    kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    kmsDataKeyReusePeriodSeconds: 300,
};

describe("aws-sqs-queue-enable-kms-encryption", () => {
    it("accepts a queue encrypted with a customer-managed KMS key", async () => {
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props: compliant });
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
        const relaxed = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props }, { allowSqsManagedSse: true });
        assert.deepEqual(relaxed.violations, []);
    });

    it("rejects an empty key id", async () => {
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "q", props: { ...compliant, kmsMasterKeyId: " " } });
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

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, { type: "aws:sns/topic:Topic", props: {} });
        assert.deepEqual(out.violations, []);
    });
});
