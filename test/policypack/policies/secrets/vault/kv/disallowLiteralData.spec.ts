import * as assert from "node:assert/strict";
import { disallowLiteralData } from "../../../../../../policypack/policies/secrets/vault/kv/disallowLiteralData";
import { checkResource, unknown } from "../../../../harness";

describe("vault-kv-secret-disallow-literal-data", () => {
    it("accepts a KV v2 secret whose value is written out of band", async () => {
        const out = await checkResource(disallowLiteralData, {
            type: "vault:kv/secretV2:SecretV2",
            name: "api",
            props: { mount: "secret", name: "crm/api", dataJsonWoVersion: 1 },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects literal dataJson and names its keys, never its values", async () => {
        const out = await checkResource(disallowLiteralData, {
            type: "vault:kv/secretV2:SecretV2",
            name: "api",
            props: {
                mount: "secret",
                name: "crm/api",
                dataJson: JSON.stringify({ token: "tok-erp-sync-2024" }),
            },
        });
        assert.deepEqual(out.violations, [
            'Vault KV v2 secret "crm/api" is written with literal `dataJson` (keys "token"), so the secret is also in the program and the state; let a Vault secrets engine generate it, or write it out of band.',
        ]);
    });

    it("rejects a generic secret and reads unparsable JSON as data", async () => {
        const out = await checkResource(disallowLiteralData, {
            type: "vault:generic/secret:Secret",
            name: "g",
            props: { path: "secret/crm", dataJson: "{not json" },
        });
        assert.deepEqual(out.violations, [
            'Vault generic secret "secret/crm" is written with literal `dataJson` (data), so the secret is also in the program and the state; let a Vault secrets engine generate it, or write it out of band.',
        ]);
    });

    it("leaves data that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowLiteralData, {
            type: "vault:kv/secret:Secret",
            name: "k",
            props: { path: "kv/x", dataJson: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("accepts an empty document and does not throw on wrong types", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowLiteralData, {
                    type: "vault:kv/secret:Secret",
                    props: { dataJson: "{}" },
                })
            ).violations,
            [],
        );
        assert.equal(
            (
                await checkResource(disallowLiteralData, {
                    type: "vault:kv/secret:Secret",
                    props: { path: 3, dataJson: 5 },
                })
            ).violations.length,
            1,
        );
    });
});
