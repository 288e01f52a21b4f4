import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/kinesis/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:kinesis/stream:Stream";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const compliant = { shardCount: 1, encryptionType: "KMS", kmsKeyId: KEY };
const FIX = 'set `encryptionType` to "KMS" and `kmsKeyId` to a customer-managed KMS key.';

describe("aws-kinesis-stream-enable-kms-encryption", () => {
    it("accepts a stream encrypted with a customer-managed key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "s",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a stream that leaves encryptionType unset", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "s",
            props: { shardCount: 1 },
        });
        assert.deepEqual(out.violations, [
            `Kinesis stream "s" is not encrypted (\`encryptionType\` is unset), so retained records sit at rest in plaintext; ${FIX}`,
        ]);
    });

    it("rejects encryptionType NONE and quotes it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "s",
            props: { ...compliant, encryptionType: "NONE" },
        });
        assert.deepEqual(out.violations, [
            `Kinesis stream "s" is not encrypted (\`encryptionType\` is "NONE"), so retained records sit at rest in plaintext; ${FIX}`,
        ]);
    });

    it("rejects KMS encryption with no key", async () => {
        const { kmsKeyId, ...props } = compliant;
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "s", props });
        assert.deepEqual(out.violations, [
            `Kinesis stream "s" sets \`encryptionType\` to "KMS" but names no key in \`kmsKeyId\`; ${FIX}`,
        ]);
    });

    it("rejects the AWS-managed alias and names it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "s",
            props: { ...compliant, kmsKeyId: "alias/aws/kinesis" },
        });
        assert.deepEqual(out.violations, [
            `Kinesis stream "s" is encrypted with the AWS-managed key "alias/aws/kinesis", which this organisation cannot rotate, restrict or audit; ${FIX}`,
        ]);
    });

    it("accepts the AWS-managed alias when config does not require customer-managed keys", async () => {
        const out = await checkResource(
            enableKmsEncryption,
            { type: TYPE, name: "s", props: { ...compliant, kmsKeyId: "alias/aws/kinesis" } },
            { requireCustomerManagedKey: false },
        );
        assert.deepEqual(out.violations, []);
    });

    it("reads a wrongly typed encryptionType without throwing", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "s",
            props: { encryptionType: ["KMS"], kmsKeyId: KEY },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /`encryptionType` is unset/);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "s",
            props: { ...compliant, kmsKeyId: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsKeyId/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: "aws:sqs/queue:Queue",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });
});
