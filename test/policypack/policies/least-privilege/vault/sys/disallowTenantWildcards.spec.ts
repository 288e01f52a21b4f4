import * as assert from "node:assert/strict";
import { disallowTenantWildcards } from "../../../../../../policypack/policies/least-privilege/vault/sys/disallowTenantWildcards";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:index/policy:Policy";
const policy = (text: unknown) => ({
    type: TYPE,
    name: "p",
    props: { name: "crm-erp-sync", policy: text },
});

describe("vault-sys-policy-disallow-tenant-wildcards", () => {
    it("is advisory", () => {
        assert.equal(disallowTenantWildcards.enforcementLevel, "advisory");
    });

    it("accepts a path that names the tenant", async () => {
        const out = await checkResource(
            disallowTenantWildcards,
            policy('path "secret/data/sales-ops/crm" { capabilities = ["read"] }'),
        );
        assert.deepEqual(out.violations, []);
    });

    it("flags a + segment", async () => {
        const out = await checkResource(
            disallowTenantWildcards,
            policy('path "secret/data/+/crm" { capabilities = ["read"] }'),
        );
        assert.deepEqual(out.violations, [
            'Vault policy "crm-erp-sync" path "secret/data/+/crm" uses a "+" segment, which matches every tenant\'s path at that level; a policy should name the workload\'s own segment, so replace the "+" with it (VaultWorkloadIdentity does).',
        ]);
    });

    it("does not flag a + inside a segment name, nor a denied + path", async () => {
        const out = await checkResource(
            disallowTenantWildcards,
            policy(
                'path "secret/data/c++/x" { capabilities = ["read"] }\npath "secret/data/+/admin" { capabilities = ["deny"] }',
            ),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves unreadable policies to the mandatory rule, and unknowns to the framework", async () => {
        const bad = await checkResource(disallowTenantWildcards, policy(7));
        assert.deepEqual(bad.violations, []);
        const out = await checkResource(disallowTenantWildcards, policy(unknown.string));
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
