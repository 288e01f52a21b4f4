import * as assert from "node:assert/strict";
import { disallowPrivilegedPolicies } from "../../../../../../policypack/policies/least-privilege/vault/auth/disallowPrivilegedPolicies";
import { checkStack, unknown, urn } from "../../../../harness";

const POLICY = "vault:index/policy:Policy";
const K8S_ROLE = "vault:kubernetes/authBackendRole:AuthBackendRole";
const good = {
    type: POLICY,
    name: "good",
    props: {
        name: "crm-erp-sync",
        policy: 'path "database/creds/crm-erp-sync" { capabilities = ["read"] }',
    },
};
const broad = {
    type: POLICY,
    name: "broad",
    props: {
        name: "ops",
        policy: 'path "secret/*" { capabilities = ["read"] }\npath "sys/mounts/*" { capabilities = ["update"] }',
    },
};
const role = (tokenPolicies: unknown) => ({
    type: K8S_ROLE,
    name: "role",
    props: { backend: "kubernetes", roleName: "crm-erp-sync", tokenPolicies },
});

describe("vault-auth-role-disallow-privileged-policies", () => {
    it("accepts a role that hands out the stack's least-privilege policy and policies defined elsewhere", async () => {
        const out = await checkStack(disallowPrivilegedPolicies, [
            good,
            broad,
            role(["crm-erp-sync", "default", "defined-elsewhere"]),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects the root policy", async () => {
        const out = await checkStack(disallowPrivilegedPolicies, [
            good,
            role(["crm-erp-sync", "root"]),
        ]);
        assert.deepEqual(out.violations, [
            'Vault kubernetes auth role "crm-erp-sync" tokenPolicies include "root"; a login should never hand out unlimited access to Vault, so list only the workload\'s own policy (VaultWorkloadIdentity does).',
        ]);
        assert.deepEqual(out.urns, [urn(K8S_ROLE, "role")]);
    });

    it("rejects a policy of this stack that grants too broadly, naming its paths", async () => {
        const out = await checkStack(disallowPrivilegedPolicies, [good, broad, role(["ops"])]);
        assert.deepEqual(out.violations, [
            'Vault kubernetes auth role "crm-erp-sync" tokenPolicies include "ops", a policy of this stack that grants "secret/*", "sys/mounts/*" too broadly; a login should hand out only least-privilege policies, so fix that policy or list another (VaultWorkloadIdentity does).',
        ]);
    });

    it("checks tokens and AppRole roles, and treats an unreadable policy as not passing", async () => {
        const unreadable = {
            type: POLICY,
            name: "u",
            props: { name: "mystery", policy: "path {" },
        };
        const out = await checkStack(disallowPrivilegedPolicies, [
            unreadable,
            { type: "vault:index/token:Token", name: "t", props: { policies: ["root"] } },
            {
                type: "vault:appRole/authBackendRole:AuthBackendRole",
                name: "a",
                props: { roleName: "etl", tokenPolicies: ["mystery"] },
            },
        ]);
        assert.deepEqual(out.violations, [
            'Vault token "t" policies include "root"; a login should never hand out unlimited access to Vault, so list only the workload\'s own policy (VaultWorkloadIdentity does).',
            'Vault approle auth role "etl" tokenPolicies include "mystery", a policy of this stack that cannot be checked; a login should hand out only least-privilege policies, so fix that policy or list another (VaultWorkloadIdentity does).',
        ]);
    });

    it("does not throw on wrongly typed policy lists", async () => {
        const out = await checkStack(disallowPrivilegedPolicies, [
            good,
            role("root"),
            role([7, null]),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("leaves a policy list that is unknown during preview to the framework", async () => {
        const out = await checkStack(disallowPrivilegedPolicies, [good, role(unknown.array)]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
