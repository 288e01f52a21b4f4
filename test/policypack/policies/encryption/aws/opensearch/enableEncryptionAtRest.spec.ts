import * as assert from "node:assert/strict";
import { enableEncryptionAtRest } from "../../../../../../policypack/policies/encryption/aws/opensearch/enableEncryptionAtRest";
import { checkResource, unknown } from "../../../../harness";

const OPENSEARCH = "aws:opensearch/domain:Domain";
const ELASTICSEARCH = "aws:elasticsearch/domain:Domain";
const FIX = "set `encryptAtRest: { enabled: true, kmsKeyId: <customer-managed key ARN> }`.";
const msg = (label: string, why: string) =>
    `${label} "search" does not encrypt its storage at rest (${why}), so the personal data it holds sits on disk and in its snapshots in plaintext; ${FIX}`;
const check = (type: string, props: Record<string, any>) =>
    checkResource(enableEncryptionAtRest, { type, name: "search", props });

describe("aws-opensearch-domain-enable-encryption-at-rest", () => {
    it("accepts OpenSearch and Elasticsearch domains with `encryptAtRest.enabled: true`", async () => {
        for (const type of [OPENSEARCH, ELASTICSEARCH]) {
            const out = await check(type, { encryptAtRest: { enabled: true } });
            assert.deepEqual(out.violations, []);
        }
    });

    it("rejects a domain without an `encryptAtRest` block, which the provider creates unencrypted", async () => {
        const out = await check(OPENSEARCH, { engineVersion: "OpenSearch_2.11" });
        assert.deepEqual(out.violations, [
            msg("OpenSearch domain", "`encryptAtRest.enabled` is unset, which defaults to false"),
        ]);
    });

    it("rejects `enabled: false`, and a block that is not an object", async () => {
        assert.deepEqual(
            (await check(ELASTICSEARCH, { encryptAtRest: { enabled: false } })).violations,
            [msg("Elasticsearch domain", "`encryptAtRest.enabled` is false")],
        );
        const wrong = await check(OPENSEARCH, { encryptAtRest: "true" });
        assert.equal(wrong.violations.length, 1);
    });

    it("leaves `encryptAtRest.enabled` unknown during preview to the framework", async () => {
        const out = await check(OPENSEARCH, { encryptAtRest: { enabled: unknown.boolean } });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /enabled/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await check("aws:s3/bucket:Bucket", {})).violations, []);
    });
});
