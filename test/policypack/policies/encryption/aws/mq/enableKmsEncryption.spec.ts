import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/mq/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:mq/broker:Broker";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const compliant = {
    engineType: "RabbitMQ",
    encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: KEY },
};
const FIX =
    "set `encryptionOptions.useAwsOwnedKey` to false and `encryptionOptions.kmsKeyId` to a customer-managed KMS key.";

describe("aws-mq-broker-enable-kms-encryption", () => {
    it("accepts a broker encrypted with a customer-managed key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "b",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a broker with no encryption options, which defaults to an AWS-owned key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "b",
            props: { engineType: "RabbitMQ" },
        });
        assert.deepEqual(out.violations, [
            `MQ broker "b" encrypts data at rest with an AWS-owned key (\`encryptionOptions.useAwsOwnedKey\` is unset (defaults to true)) this organisation cannot control or audit; ${FIX}`,
        ]);
    });

    it("rejects useAwsOwnedKey true even with a key", async () => {
        const props = { encryptionOptions: { useAwsOwnedKey: true, kmsKeyId: KEY } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "b", props });
        assert.deepEqual(out.violations, [
            `MQ broker "b" encrypts data at rest with an AWS-owned key (\`encryptionOptions.useAwsOwnedKey\` is true) this organisation cannot control or audit; ${FIX}`,
        ]);
    });

    it("rejects useAwsOwnedKey false with no key", async () => {
        const props = { encryptionOptions: { useAwsOwnedKey: false } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "b", props });
        assert.deepEqual(out.violations, [
            `MQ broker "b" sets \`encryptionOptions.useAwsOwnedKey\` to false but names no key in \`kmsKeyId\`, so it falls back to the AWS-managed key "alias/aws/mq"; ${FIX}`,
        ]);
    });

    it("rejects the AWS-managed alias and names it", async () => {
        const props = { encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: "alias/aws/mq" } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "b", props });
        assert.deepEqual(out.violations, [
            `MQ broker "b" encrypts data at rest with the AWS-managed key "alias/aws/mq", which this organisation cannot rotate, restrict or audit; ${FIX}`,
        ]);
    });

    it("reads a wrongly typed useAwsOwnedKey without throwing and treats it as not false", async () => {
        const props = { encryptionOptions: { useAwsOwnedKey: "false", kmsKeyId: KEY } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "b", props });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /unset \(defaults to true\)/);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const props = { encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: unknown.string } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "b", props });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsKeyId/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: "aws:msk/cluster:Cluster",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts the AWS-managed key only when `requireCustomerManagedKey` is false, and never an AWS-owned key", async () => {
        const broker = (encryptionOptions: unknown) => ({
            type: "aws:mq/broker:Broker",
            name: "events",
            props: { encryptionOptions },
        });
        const managed = broker({ useAwsOwnedKey: false, kmsKeyId: "alias/aws/mq" });
        assert.equal((await checkResource(enableKmsEncryption, managed)).violations.length, 1);
        const relaxed = { requireCustomerManagedKey: false };
        assert.deepEqual(
            (await checkResource(enableKmsEncryption, managed, relaxed)).violations,
            [],
        );
        const owned = broker({ useAwsOwnedKey: true });
        assert.equal(
            (await checkResource(enableKmsEncryption, owned, relaxed)).violations.length,
            1,
        );
    });
});
