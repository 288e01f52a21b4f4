import * as assert from "node:assert/strict";
import { enableKmsEncryption } from "../../../../../../policypack/policies/encryption/aws/cloudwatch/enableKmsEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:cloudwatch/eventBus:EventBus";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const compliant = { name: "crm-sync", kmsKeyIdentifier: KEY };
const FIX = "set `kmsKeyIdentifier` to a customer-managed KMS key.";

describe("aws-cloudwatch-eventbus-enable-kms-encryption", () => {
    it("accepts a custom bus encrypted with a customer-managed key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "e",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a custom bus without a key", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "e",
            props: { name: "crm-sync" },
        });
        assert.deepEqual(out.violations, [
            `EventBridge bus "e" is encrypted with an AWS-owned key because \`kmsKeyIdentifier\` is unset, and this organisation cannot rotate, restrict or audit that key; ${FIX}`,
        ]);
    });

    it("rejects the AWS-managed alias and names it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "e",
            props: { ...compliant, kmsKeyIdentifier: "alias/aws/events" },
        });
        assert.deepEqual(out.violations, [
            `EventBridge bus "e" is encrypted with the AWS-managed key "alias/aws/events", which this organisation cannot rotate, restrict or audit; ${FIX}`,
        ]);
    });

    it("is not applicable to the default bus", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "e",
            props: { name: "default" },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /default event bus/);
    });

    it("reads a wrongly typed key without throwing", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "e",
            props: { name: 5, kmsKeyIdentifier: true },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: TYPE,
            name: "e",
            props: { ...compliant, kmsKeyIdentifier: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsKeyIdentifier/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKmsEncryption, {
            type: "aws:sns/topic:Topic",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts an AWS-managed key alias only when `requireCustomerManagedKey` is false, and never no key", async () => {
        const bus = (props: Record<string, unknown>) => ({
            type: "aws:cloudwatch/eventBus:EventBus",
            name: "crm-events",
            props: { name: "crm-events", ...props },
        });
        const managed = bus({ kmsKeyIdentifier: "alias/aws/events" });
        assert.equal((await checkResource(enableKmsEncryption, managed)).violations.length, 1);
        const relaxed = { requireCustomerManagedKey: false };
        assert.deepEqual(
            (await checkResource(enableKmsEncryption, managed, relaxed)).violations,
            [],
        );
        assert.equal(
            (await checkResource(enableKmsEncryption, bus({}), relaxed)).violations.length,
            1,
        );
    });
});
