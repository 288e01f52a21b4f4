import * as assert from "node:assert/strict";
import { configureSecretIdLimits } from "../../../../../../policypack/policies/secrets/vault/approle/configureSecretIdLimits";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:appRole/authBackendRole:AuthBackendRole";
const compliant = {
    roleName: "ci-deployer",
    secretIdTtl: 3600,
    secretIdNumUses: 1,
    tokenTtl: 900,
    tokenMaxTtl: 3600,
};

describe("vault-approle-authbackendrole-configure-secret-id-limits", () => {
    const check = (props: any, config = {}) =>
        checkResource(configureSecretIdLimits, { type: TYPE, name: "r", props }, config);

    it("accepts single-use secret ids that expire within the hour", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
    });

    it("rejects secret ids that never expire and can be used without limit", async () => {
        assert.deepEqual(
            (await check({ ...compliant, secretIdTtl: 0, secretIdNumUses: 0 })).violations,
            [
                'AppRole role "ci-deployer" sets `secretIdTtl` to 0 (never expires); set it to at most 86400s (24h) or use Kubernetes/JWT auth (VaultWorkloadIdentity does).',
                'AppRole role "ci-deployer" sets `secretIdNumUses` to 0 (unlimited); allow each secret id at most 10 uses or use Kubernetes/JWT auth (VaultWorkloadIdentity does).',
            ],
        );
    });

    it("rejects unset limits and limits above the configured maxima", async () => {
        assert.equal((await check({ roleName: "ci-deployer" })).violations.length, 2);
        assert.equal(
            (await check({ ...compliant, secretIdTtl: 172800, secretIdNumUses: 50 })).violations
                .length,
            2,
        );
        assert.deepEqual(
            (await check({ ...compliant, secretIdNumUses: 50 }, { maxSecretIdNumUses: 100 }))
                .violations,
            [],
        );
    });

    it("leaves limits that are unknown during preview to the framework", async () => {
        const out = await check({ ...compliant, secretIdTtl: unknown.number });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("reports wrongly typed limits without throwing", async () => {
        assert.equal((await check({ ...compliant, secretIdNumUses: "1" })).violations.length, 1);
    });
});
