import * as assert from "node:assert/strict";
import { enforceTokenTtls } from "../../../../../../policypack/policies/secrets/vault/auth/enforceTokenTtls";
import { checkResource, unknown } from "../../../../harness";

const K8S = "vault:kubernetes/authBackendRole:AuthBackendRole";
const compliant = {
    roleName: "crm-erp-sync",
    boundServiceAccountNames: ["crm-erp-sync"],
    boundServiceAccountNamespaces: ["crm-sync"],
    tokenTtl: 900,
    tokenMaxTtl: 3600,
    tokenType: "service",
};

describe("vault-auth-backendrole-enforce-token-ttls", () => {
    const check = (props: any, type = K8S, config = {}) =>
        checkResource(enforceTokenTtls, { type, name: "role", props }, config);

    it("accepts a role with short, explicit TTLs, service or batch tokens", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
        assert.deepEqual((await check({ ...compliant, tokenType: "batch" })).violations, []);
    });

    it("rejects missing TTLs, one message per field", async () => {
        const { tokenTtl, tokenMaxTtl, ...rest } = compliant;
        assert.deepEqual((await check(rest)).violations, [
            'Kubernetes auth role "crm-erp-sync" does not set `tokenTtl`, so its tokens get the system default (32 days); set `tokenTtl` to at most 3600s (1h) (VaultWorkloadIdentity does).',
            'Kubernetes auth role "crm-erp-sync" does not set `tokenMaxTtl`, so its tokens get the system default (32 days); set `tokenMaxTtl` to at most 86400s (24h) (VaultWorkloadIdentity does).',
        ]);
    });

    it("rejects 0, which means the system default", async () => {
        assert.deepEqual((await check({ ...compliant, tokenTtl: 0 })).violations, [
            'Kubernetes auth role "crm-erp-sync" sets `tokenTtl` to 0, which means the system default (32 days); set `tokenTtl` to at most 3600s (1h) (VaultWorkloadIdentity does).',
        ]);
    });

    it("rejects TTLs above the maxima and accepts them when config raises the maxima", async () => {
        const props = { ...compliant, tokenTtl: 7200, tokenMaxTtl: 172800 };
        assert.deepEqual((await check(props)).violations, [
            'Kubernetes auth role "crm-erp-sync" sets `tokenTtl` to 7200s (2h), longer than the 3600s (1h) allowed; set `tokenTtl` to at most 3600s (1h) (VaultWorkloadIdentity does).',
            'Kubernetes auth role "crm-erp-sync" sets `tokenMaxTtl` to 172800s (48h), longer than the 86400s (24h) allowed; set `tokenMaxTtl` to at most 86400s (24h) (VaultWorkloadIdentity does).',
        ]);
        assert.deepEqual(
            (await check(props, K8S, { maxTokenTtl: 7200, maxTokenMaxTtl: 172800 })).violations,
            [],
        );
    });

    it("checks JWT, AppRole and AWS auth roles too, naming the kind", async () => {
        for (const [type, kind] of [
            ["vault:jwt/authBackendRole:AuthBackendRole", "JWT/OIDC auth role"],
            ["vault:appRole/authBackendRole:AuthBackendRole", "AppRole auth role"],
            ["vault:aws/authBackendRole:AuthBackendRole", "AWS auth role"],
        ]) {
            const out = await check({ roleName: "r", tokenTtl: 900 }, type);
            assert.deepEqual(out.violations, [
                `${kind} "r" does not set \`tokenMaxTtl\`, so its tokens get the system default (32 days); set \`tokenMaxTtl\` to at most 86400s (24h) (VaultWorkloadIdentity does).`,
            ]);
        }
    });

    it("rejects periodic tokens without an explicit max TTL", async () => {
        assert.deepEqual((await check({ ...compliant, tokenPeriod: 3600 })).violations, [
            'Kubernetes auth role "crm-erp-sync" issues periodic tokens (`tokenPeriod` 3600s (1h)) without `tokenExplicitMaxTtl`, so they can be renewed forever; remove `tokenPeriod` or set `tokenExplicitMaxTtl`.',
        ]);
        assert.deepEqual(
            (
                await check({
                    ...compliant,
                    tokenPeriod: 3600,
                    tokenExplicitMaxTtl: 86400,
                })
            ).violations,
            [],
        );
    });

    it("leaves a TTL that is unknown during preview to the framework", async () => {
        const out = await check({ ...compliant, tokenTtl: unknown.number });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /tokenTtl/);
    });

    it("reports wrongly typed TTLs without throwing", async () => {
        const out = await check({ ...compliant, tokenTtl: true });
        assert.deepEqual(out.violations, [
            'Kubernetes auth role "crm-erp-sync" has a `tokenTtl` of "true" that cannot be read as a duration; set `tokenTtl` to at most 3600s (1h) (VaultWorkloadIdentity does).',
        ]);
    });
});
