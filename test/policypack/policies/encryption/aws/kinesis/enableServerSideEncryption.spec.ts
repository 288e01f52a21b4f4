import * as assert from "node:assert/strict";
import { enableServerSideEncryption } from "../../../../../../policypack/policies/encryption/aws/kinesis/enableServerSideEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const compliant = {
    destination: "extended_s3",
    serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY },
};
const FIX =
    'set `serverSideEncryption.enabled` to true with `keyType` "CUSTOMER_MANAGED_CMK" and `keyArn` set to a customer-managed KMS key.';

describe("aws-kinesis-firehosedeliverystream-enable-server-side-encryption", () => {
    it("accepts a delivery stream encrypted with a customer-managed key", async () => {
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts server-side encryption with the AWS-owned key type", async () => {
        const props = {
            ...compliant,
            serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
        };
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a delivery stream without server-side encryption", async () => {
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props: { destination: "extended_s3" },
        });
        assert.deepEqual(out.violations, [
            `Firehose delivery stream "f" does not enable server-side encryption, so buffered records sit at rest unprotected; ${FIX}`,
        ]);
    });

    it("rejects server-side encryption that is explicitly disabled", async () => {
        const props = { ...compliant, serverSideEncryption: { enabled: false } };
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props,
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /does not enable server-side encryption/);
    });

    it("rejects a customer-managed key type that names no key", async () => {
        const props = {
            ...compliant,
            serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" },
        };
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props,
        });
        assert.deepEqual(out.violations, [
            `Firehose delivery stream "f" sets \`serverSideEncryption.keyType\` to "CUSTOMER_MANAGED_CMK" but names no key in \`keyArn\`; ${FIX}`,
        ]);
    });

    it("rejects the AWS-managed alias and names it", async () => {
        const props = {
            ...compliant,
            serverSideEncryption: {
                enabled: true,
                keyType: "CUSTOMER_MANAGED_CMK",
                keyArn: "alias/aws/firehose",
            },
        };
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props,
        });
        assert.deepEqual(out.violations, [
            `Firehose delivery stream "f" is encrypted with the AWS-managed key "alias/aws/firehose", which this organisation cannot rotate, restrict or audit; ${FIX}`,
        ]);
    });

    it("is not applicable to a delivery stream that reads from a Kinesis stream", async () => {
        const props = {
            destination: "extended_s3",
            kinesisSourceConfiguration: {
                kinesisStreamArn: "arn:aws:kinesis:eu-west-1:111122223333:stream/s",
                roleArn: "arn:aws:iam::111122223333:role/r",
            },
        };
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props,
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /Kinesis stream/);
    });

    it("reads a wrongly typed serverSideEncryption without throwing", async () => {
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props: { serverSideEncryption: "on" },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const props = {
            ...compliant,
            serverSideEncryption: {
                enabled: true,
                keyType: "CUSTOMER_MANAGED_CMK",
                keyArn: unknown.string,
            },
        };
        const out = await checkResource(enableServerSideEncryption, {
            type: TYPE,
            name: "f",
            props,
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /keyArn/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableServerSideEncryption, {
            type: "aws:kinesis/stream:Stream",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });
});
