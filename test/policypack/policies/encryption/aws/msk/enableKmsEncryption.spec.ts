import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/msk/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:msk/cluster:Cluster";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const compliant = { kafkaVersion: "3.6.0", encryptionInfo: { encryptionAtRestKmsKeyArn: KEY } };
const FIX = "set `encryptionInfo.encryptionAtRestKmsKeyArn` to a customer-managed KMS key.";

describe("aws-msk-cluster-enable-kms-encryption", () => {
    it("accepts a cluster encrypted at rest with a customer-managed key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "k",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a cluster that leaves the at-rest key unset", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "k",
            props: { kafkaVersion: "3.6.0" },
        });
        assert.deepEqual(out.violations, [
            `MSK cluster "k" encrypts data at rest with the AWS-managed key "alias/aws/msk" because \`encryptionInfo.encryptionAtRestKmsKeyArn\` is unset, and this organisation cannot rotate, restrict or audit that key; ${FIX}`,
        ]);
    });

    it("rejects an explicit AWS-managed alias and names it", async () => {
        const props = {
            encryptionInfo: {
                encryptionAtRestKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/msk",
            },
        };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "k", props });
        assert.deepEqual(out.violations, [
            `MSK cluster "k" encrypts data at rest with the AWS-managed key "alias/aws/msk", which this organisation cannot rotate, restrict or audit; ${FIX}`,
        ]);
    });

    it("reads a wrongly typed encryptionInfo without throwing", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "k",
            props: { encryptionInfo: [KEY] },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const props = { encryptionInfo: { encryptionAtRestKmsKeyArn: unknown.string } };
        const out = await checkResource(enableKmsEncryption, { type: TYPE, name: "k", props });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /encryptionAtRestKmsKeyArn/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: "aws:mq/broker:Broker",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts the AWS-managed key, set or implied, only when `requireCustomerManagedKey` is false", async () => {
        const cluster = (encryptionInfo: unknown) => ({
            type: "aws:msk/cluster:Cluster",
            name: "events",
            props: { encryptionInfo },
        });
        for (const info of [{}, { encryptionAtRestKmsKeyArn: "alias/aws/msk" }]) {
            const strict = await checkResource(enableKmsEncryption, cluster(info));
            assert.equal(strict.violations.length, 1);
            const relaxed = await checkResource(enableKmsEncryption, cluster(info), {
                requireCustomerManagedKey: false,
            });
            assert.deepEqual(relaxed.violations, []);
        }
    });
});
