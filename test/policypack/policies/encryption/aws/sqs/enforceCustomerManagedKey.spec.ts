import * as assert from "node:assert/strict";
import { enforceCustomerManagedKey } from "../../../../../../policypack/policies/encryption/aws/sqs/enforceCustomerManagedKey";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:sqs/queue:Queue";
const outside = { "gdpr-guard.io/sync-path": "false" };
const compliant = {
    kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    tags: outside,
};
const MESSAGE =
    'SQS queue "q" uses SSE-SQS, an AWS-owned key this organisation cannot rotate, restrict or audit; set `kmsMasterKeyId` to a customer-managed key (EncryptedQueue does).';

describe("aws-sqs-queue-enforce-customer-managed-key", () => {
    it("accepts a queue outside the sync path with a customer-managed key", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: TYPE,
            name: "q",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("advises against SSE-SQS on a queue outside the sync path", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: TYPE,
            name: "q",
            props: { sqsManagedSseEnabled: true, tags: outside },
        });
        assert.deepEqual(out.violations, [MESSAGE]);
    });

    it("leaves SSE-SQS in the sync path to the mandatory rule", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: TYPE,
            name: "q",
            props: { sqsManagedSseEnabled: true },
        });
        assert.deepEqual(out.violations, []);
    });

    it("says nothing about an unencrypted queue, which the mandatory rule reports", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: TYPE,
            name: "q",
            props: { tags: outside },
        });
        assert.deepEqual(out.violations, []);
    });

    it("follows a configured sync-path selector", async () => {
        const props = { sqsManagedSseEnabled: true, tags: { scope: "metrics" } };
        const out = await checkResource(
            enforceCustomerManagedKey,
            { type: TYPE, name: "q", props },
            { outsideSyncPathTags: { scope: "metrics" } },
        );
        assert.deepEqual(out.violations, [MESSAGE]);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: TYPE,
            name: "q",
            props: { kmsMasterKeyId: 1, sqsManagedSseEnabled: true, tags: ["a"] },
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves a key that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: TYPE,
            name: "q",
            props: { kmsMasterKeyId: unknown.string, sqsManagedSseEnabled: true, tags: outside },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kmsMasterKeyId/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enforceCustomerManagedKey, {
            type: "aws:sns/topic:Topic",
            props: { sqsManagedSseEnabled: true, tags: outside },
        });
        assert.deepEqual(out.violations, []);
    });
});
