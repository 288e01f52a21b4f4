import * as assert from "node:assert/strict";
import { disallowHighEntropyEnv } from "../../../../../../policypack/policies/secrets/kubernetes/core/disallowHighEntropyEnv";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:batch/v1:Job";
const job = (env: any[]) => ({
    spec: { template: { spec: { containers: [{ name: "sync", env }] } } },
});
const TOKEN = "DL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJ";

describe("kubernetes-core-container-disallow-high-entropy-env", () => {
    const check = (env: any[], config = {}) =>
        checkResource(
            disallowHighEntropyEnv,
            { type: TYPE, name: "sync-once", props: job(env) },
            config,
        );

    it("accepts ids, digests, URLs and names", async () => {
        const env = [
            { name: "REQUEST_ID", value: "0b1f4a2c-6d2e-4f0a-9e3b-5c1d2e3f4a5b" },
            {
                name: "IMAGE_DIGEST",
                value: "sha256:9b2a7c1f0e3d4b5a6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d",
            },
            { name: "CRM_URL", value: "https://crm.internal.example.com/api" },
            { name: "SUBNET", value: "subnet-0a1b2c3d4e5f67890" },
        ];
        assert.deepEqual((await check(env)).violations, []);
    });

    it("advises on a random-looking token under a neutral name", async () => {
        assert.deepEqual((await check([{ name: "SYNC_CONFIG", value: TOKEN }])).violations, [
            'Job "sync-once" container "sync" env "SYNC_CONFIG" holds a random-looking literal (detector "high-entropy") that may be a secret; if it is, render it from Vault (SecureSyncJob does), else allow the name in `allowedEnvNames`.',
        ]);
    });

    it("leaves recognised secrets to the mandatory rule and allowed names alone", async () => {
        assert.deepEqual((await check([{ name: "DB_PASSWORD", value: TOKEN }])).violations, []);
        assert.deepEqual(
            (
                await check([{ name: "SYNC_CONFIG", value: TOKEN }], {
                    allowedEnvNames: ["SYNC_CONFIG"],
                })
            ).violations,
            [],
        );
    });

    it("leaves unknown values to the framework and survives wrong types", async () => {
        const out = await check([{ name: "SYNC_CONFIG", value: unknown.string }]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual((await check([null, { value: 3 }])).violations, []);
    });
});
