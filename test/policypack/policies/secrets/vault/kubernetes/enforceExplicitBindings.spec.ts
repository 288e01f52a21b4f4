import * as assert from "node:assert/strict";
import { enforceExplicitBindings } from "../../../../../../policypack/policies/secrets/vault/kubernetes/enforceExplicitBindings";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:kubernetes/authBackendRole:AuthBackendRole";
const compliant = {
    roleName: "crm-erp-sync",
    boundServiceAccountNames: ["crm-erp-sync"],
    boundServiceAccountNamespaces: ["crm-sync"],
    tokenTtl: 900,
    tokenMaxTtl: 3600,
};

describe("vault-kubernetes-authbackendrole-enforce-explicit-bindings", () => {
    const check = (props: any) =>
        checkResource(enforceExplicitBindings, { type: TYPE, name: "r", props });

    it("accepts a role bound to one service account in one namespace", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
    });

    it("rejects wildcard service accounts and namespaces", async () => {
        assert.deepEqual(
            (
                await check({
                    ...compliant,
                    boundServiceAccountNames: ["*"],
                    boundServiceAccountNamespaces: ["crm-*"],
                })
            ).violations,
            [
                'Kubernetes auth role "crm-erp-sync" binds "*" in `boundServiceAccountNames`, which matches service-account names beyond the sync\'s; list the exact service-account names instead (VaultWorkloadIdentity does).',
                'Kubernetes auth role "crm-erp-sync" binds "crm-*" in `boundServiceAccountNamespaces`, which matches namespaces beyond the sync\'s; list the exact namespaces instead (VaultWorkloadIdentity does).',
            ],
        );
    });

    it("rejects a role with no bindings and one bound by namespace selector", async () => {
        assert.deepEqual(
            (
                await check({
                    roleName: "crm-erp-sync",
                    boundServiceAccountNames: ["crm-erp-sync"],
                })
            ).violations,
            [
                'Kubernetes auth role "crm-erp-sync" binds no namespaces in `boundServiceAccountNamespaces`; list the exact namespaces the sync runs as (VaultWorkloadIdentity does).',
            ],
        );
        assert.match(
            (
                await check({
                    roleName: "crm-erp-sync",
                    boundServiceAccountNames: ["a"],
                    boundServiceAccountNamespaceSelector: "{}",
                })
            ).violations[0],
            /by selector/,
        );
    });

    it("leaves bindings that are unknown during preview to the framework", async () => {
        const out = await check({
            ...compliant,
            boundServiceAccountNames: unknown.array,
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("treats wrongly typed bindings as missing without throwing", async () => {
        assert.equal(
            (await check({ ...compliant, boundServiceAccountNames: "crm-erp-sync" })).violations
                .length,
            1,
        );
    });
});
