import * as assert from "node:assert/strict";
import { disallowSecretReads } from "../../../../../../policypack/policies/least-privilege/kubernetes/rbac/disallowSecretReads";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const role = (rules: unknown, type = TYPE) => ({
    type,
    name: "cr",
    props: { metadata: { name: "sync-reader" }, rules },
});
const REST =
    'on "secrets" across the cluster; a workload should read only its own credentials, so use a namespaced Role with resourceNames, or deliver them from Vault (VaultWorkloadIdentity does).';

describe("kubernetes-rbac-clusterrole-disallow-secret-reads", () => {
    it("accepts a ClusterRole that reads configmaps", async () => {
        const out = await checkResource(
            disallowSecretReads,
            role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }]),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects get, list and watch on secrets", async () => {
        const out = await checkResource(
            disallowSecretReads,
            role([
                {
                    apiGroups: [""],
                    resources: ["configmaps", "secrets"],
                    verbs: ["get", "list", "watch", "create"],
                },
            ]),
        );
        assert.deepEqual(out.violations, [
            `ClusterRole "sync-reader" rules[0] grants "get", "list", "watch" ${REST}`,
        ]);
    });

    it("accepts get limited by resourceNames but still rejects list next to it", async () => {
        const named = await checkResource(
            disallowSecretReads,
            role([
                {
                    apiGroups: [""],
                    resources: ["secrets"],
                    resourceNames: ["crm-db"],
                    verbs: ["get"],
                },
            ]),
        );
        assert.deepEqual(named.violations, []);
        const list = await checkResource(
            disallowSecretReads,
            role([
                {
                    apiGroups: [""],
                    resources: ["secrets"],
                    resourceNames: ["crm-db"],
                    verbs: ["get", "list"],
                },
            ]),
        );
        assert.deepEqual(list.violations, [
            `ClusterRole "sync-reader" rules[0] grants "list" ${REST}`,
        ]);
    });

    it("ignores namespaced Roles and secrets of other API groups", async () => {
        const ns = await checkResource(
            disallowSecretReads,
            role(
                [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
                "kubernetes:rbac.authorization.k8s.io/v1:Role",
            ),
        );
        const other = await checkResource(
            disallowSecretReads,
            role([{ apiGroups: ["external-secrets.io"], resources: ["secrets"], verbs: ["get"] }]),
        );
        assert.deepEqual([...ns.violations, ...other.violations], []);
    });

    it("does not throw on wrongly typed fields, and leaves unknown resources to the framework", async () => {
        const junk = await checkResource(
            disallowSecretReads,
            role([{ apiGroups: "", resources: "secrets", verbs: ["get"] }, 7]),
        );
        assert.deepEqual(junk.violations, [], "a resources string is not a list: no match");
        const out = await checkResource(
            disallowSecretReads,
            role([{ apiGroups: [""], resources: unknown.array, verbs: ["get"] }]),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
