import * as assert from "node:assert/strict";
import { disallowBroadBindings } from "../../../../../../policypack/policies/least-privilege/kubernetes/rbac/disallowBroadBindings";
import { checkResource, unknown } from "../../../../harness";

const RB = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
const sa = { kind: "ServiceAccount", name: "crm-erp-sync", namespace: "crm-sync" };
const binding = (roleRef: unknown, subjects: unknown = [sa], type = RB) => ({
    type,
    name: "b",
    props: { metadata: { name: "sync", namespace: "crm-sync" }, roleRef, subjects },
});
const role = { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "crm-sync-reader" };

describe("kubernetes-rbac-binding-disallow-broad-bindings", () => {
    it("accepts a Role bound to the job's service account", async () => {
        const out = await checkResource(disallowBroadBindings, binding(role));
        assert.deepEqual(out.violations, []);
    });

    it("rejects binding the edit ClusterRole in a namespace", async () => {
        const out = await checkResource(
            disallowBroadBindings,
            binding({ ...role, kind: "ClusterRole", name: "edit" }),
        );
        assert.deepEqual(out.violations, [
            'RoleBinding "crm-sync/sync" grants ClusterRole "edit"; a workload should hold only the verbs and resources it uses, so bind a Role that lists them instead.',
        ]);
    });

    it("rejects cluster-admin bound to system:authenticated, one message per offence", async () => {
        const out = await checkResource(disallowBroadBindings, {
            type: CRB,
            name: "everyone-admin",
            props: {
                roleRef: { kind: "ClusterRole", name: "cluster-admin" },
                subjects: [sa, { kind: "Group", name: "system:authenticated" }],
            },
        });
        assert.deepEqual(out.violations, [
            'ClusterRoleBinding "everyone-admin" grants ClusterRole "cluster-admin"; a workload should hold only the verbs and resources it uses, so bind a Role that lists them instead.',
            'ClusterRoleBinding "everyone-admin" subjects[1] is "system:authenticated", which is every authenticated user and service account of the cluster; a role should be bound to the one service account that needs it, so bind that service account instead.',
        ]);
    });

    it("rejects system:anonymous even on a narrow role", async () => {
        const out = await checkResource(
            disallowBroadBindings,
            binding(role, [{ kind: "User", name: "system:anonymous" }]),
        );
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /subjects\[0\] is "system:anonymous", which is every unauthenticated request/,
        );
    });

    it("accepts a namespaced Role that happens to be named admin, and follows the configured list", async () => {
        const named = await checkResource(
            disallowBroadBindings,
            binding({ ...role, name: "admin" }),
        );
        assert.deepEqual(named.violations, []);
        const relaxed = await checkResource(
            disallowBroadBindings,
            binding({ kind: "ClusterRole", name: "edit" }),
            { forbiddenClusterRoles: ["cluster-admin"] },
        );
        assert.deepEqual(relaxed.violations, []);
    });

    it("does not throw on wrongly typed fields, and leaves an unknown roleRef to the framework", async () => {
        const junk = await checkResource(
            disallowBroadBindings,
            binding("cluster-admin", "everyone"),
            { forbiddenClusterRoles: 5 },
        );
        assert.deepEqual(junk.violations, []);
        const out = await checkResource(
            disallowBroadBindings,
            binding({ kind: "ClusterRole", name: unknown.string }),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
