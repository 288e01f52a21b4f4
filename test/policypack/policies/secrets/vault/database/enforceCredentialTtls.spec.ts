import * as assert from "node:assert/strict";
import { enforceCredentialTtls } from "../../../../../../policypack/policies/secrets/vault/database/enforceCredentialTtls";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:database/secretBackendRole:SecretBackendRole";
const compliant = {
    name: "crm-erp-sync",
    backend: "database",
    dbName: "crm",
    creationStatements: ["CREATE ROLE ..."],
    defaultTtl: 900,
    maxTtl: 3600,
};

describe("vault-database-secretbackendrole-enforce-credential-ttls", () => {
    const check = (props: any, config = {}) =>
        checkResource(enforceCredentialTtls, { type: TYPE, name: "r", props }, config);

    it("accepts short, explicit credential TTLs", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
    });

    it("rejects missing and zero TTLs", async () => {
        const { defaultTtl, maxTtl, ...rest } = compliant;
        assert.deepEqual((await check({ ...rest, maxTtl: 0 })).violations, [
            'Vault database role "crm-erp-sync" does not set `defaultTtl`, so its credentials get the system default (32 days); set `defaultTtl` to at most 3600s (1h).',
            'Vault database role "crm-erp-sync" sets `maxTtl` to 0, which means the system default (32 days); set `maxTtl` to at most 86400s (24h).',
        ]);
    });

    it("rejects TTLs above the maxima and accepts them under raised maxima", async () => {
        assert.deepEqual((await check({ ...compliant, defaultTtl: 86400 })).violations, [
            'Vault database role "crm-erp-sync" sets `defaultTtl` to 86400s (24h), longer than the 3600s (1h) allowed; set `defaultTtl` to at most 3600s (1h).',
        ]);
        assert.deepEqual(
            (await check({ ...compliant, defaultTtl: 86400 }, { maxDefaultTtl: 86400 })).violations,
            [],
        );
    });

    it("leaves an unknown TTL to the framework and reports wrongly typed ones without throwing", async () => {
        const out = await check({ ...compliant, defaultTtl: unknown.number });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.equal((await check({ ...compliant, maxTtl: [1] })).violations.length, 1);
    });
});
