import * as assert from "node:assert/strict";
import { disallowBroadGrants } from "../../../../../../policypack/policies/least-privilege/vault/sys/disallowBroadGrants";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:index/policy:Policy";
const policy = (text: unknown) => ({
    type: TYPE,
    name: "p",
    props: { name: "crm-erp-sync", policy: text },
});
const compliant = ['path "database/creds/crm-erp-sync" {', '  capabilities = ["read"]', "}"].join(
    "\n",
);
const FIX = "so narrow it (VaultWorkloadIdentity does).";

describe("vault-sys-policy-disallow-broad-grants", () => {
    it("accepts a read of one database role", async () => {
        const out = await checkResource(disallowBroadGrants, policy(compliant));
        assert.deepEqual(out.violations, []);
    });

    it('rejects path "*" with capabilities "*", one message per offence', async () => {
        const out = await checkResource(
            disallowBroadGrants,
            policy('path "*" { capabilities = ["*"] }'),
        );
        assert.deepEqual(out.violations, [
            `Vault policy "crm-erp-sync" path "*" grants "*" on everything under every mount; a policy should name the exact paths the workload reads (e.g. "database/creds/<role>"), ${FIX}`,
            `Vault policy "crm-erp-sync" path "*" grants capabilities "*"; a policy should list the capabilities the workload uses (usually "read"), ${FIX}`,
        ]);
    });

    it("rejects a bare * at a mount root but accepts one deeper down", async () => {
        const root = await checkResource(
            disallowBroadGrants,
            policy('path "secret/*" { capabilities = ["read", "list"] }'),
        );
        assert.deepEqual(root.violations, [
            `Vault policy "crm-erp-sync" path "secret/*" grants "read", "list" on everything under a whole mount; a policy should name the exact paths the workload reads (e.g. "database/creds/<role>"), ${FIX}`,
        ]);
        const deep = await checkResource(
            disallowBroadGrants,
            policy('path "secret/data/crm-sync/*" { capabilities = ["read"] }'),
        );
        assert.deepEqual(deep.violations, []);
    });

    it("rejects sudo and writes under sys/ and auth/, but accepts reading them", async () => {
        const out = await checkResource(
            disallowBroadGrants,
            policy(
                [
                    'path "sys/policies/acl/*" { capabilities = ["update", "sudo"] }',
                    'path "auth/token/lookup-self" { capabilities = ["read"] }',
                    'path "auth/kubernetes/role/x" { capabilities = ["create"] }',
                ].join("\n"),
            ),
        );
        // hcl2json returns path blocks sorted by path.
        assert.deepEqual(out.violations, [
            `Vault policy "crm-erp-sync" path "auth/kubernetes/role/x" grants "create" under "auth/", which lets the holder change Vault's own configuration, policies or auth methods; a workload policy should only read its own secrets, ${FIX}`,
            `Vault policy "crm-erp-sync" path "sys/policies/acl/*" grants "sudo", which unlocks root-protected endpoints; a workload policy should never hold it, ${FIX}`,
            `Vault policy "crm-erp-sync" path "sys/policies/acl/*" grants "update" under "sys/", which lets the holder change Vault's own configuration, policies or auth methods; a workload policy should only read its own secrets, ${FIX}`,
        ]);
    });

    it("reads the JSON form and accepts a deny on a broad path", async () => {
        const out = await checkResource(
            disallowBroadGrants,
            policy(
                JSON.stringify({
                    path: {
                        "*": { capabilities: ["deny"] },
                        "database/creds/crm-erp-sync": { capabilities: ["read"] },
                    },
                }),
            ),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves + wildcards to the advisory rule", async () => {
        const out = await checkResource(
            disallowBroadGrants,
            policy('path "secret/data/+/crm" { capabilities = ["read"] }'),
        );
        assert.deepEqual(out.violations, []);
    });

    it("reports a policy it cannot parse, and a policy of the wrong type, without throwing", async () => {
        const bad = await checkResource(disallowBroadGrants, policy('path "a" { capabilities = ['));
        assert.match(
            bad.violations[0] ?? "",
            /^Vault policy "crm-erp-sync" cannot be checked: The policy is not valid HCL \(.+\); write it as HCL or JSON path blocks so it can be verified\.$/,
        );
        const wrong = await checkResource(disallowBroadGrants, {
            type: TYPE,
            name: "p",
            props: { policy: ["read"] },
        });
        assert.deepEqual(wrong.violations, [
            'Vault policy "p" cannot be checked: The policy is a list, not HCL or JSON text; write it as HCL or JSON path blocks so it can be verified.',
        ]);
    });

    it("leaves a policy that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowBroadGrants, policy(unknown.string));
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
