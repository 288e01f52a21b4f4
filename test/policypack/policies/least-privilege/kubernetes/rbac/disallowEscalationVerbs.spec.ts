import * as assert from "node:assert/strict";
import { disallowEscalationVerbs } from "../../../../../../policypack/policies/least-privilege/kubernetes/rbac/disallowEscalationVerbs";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const rule = {
    apiGroups: ["rbac.authorization.k8s.io"],
    resources: ["roles"],
    verbs: ["get", "list"],
};
const role = (rules: unknown) => ({
    type: TYPE,
    name: "cr",
    props: { metadata: { name: "rbac-viewer" }, rules },
});

describe("kubernetes-rbac-role-disallow-escalation-verbs", () => {
    it("accepts reading roles", async () => {
        const out = await checkResource(disallowEscalationVerbs, role([rule]));
        assert.deepEqual(out.violations, []);
    });

    it("rejects bind and escalate, one message per verb", async () => {
        const out = await checkResource(
            disallowEscalationVerbs,
            role([{ ...rule, resources: ["clusterroles"], verbs: ["bind", "Escalate"] }]),
        );
        assert.deepEqual(out.violations, [
            'ClusterRole "rbac-viewer" rules[0] grants verb "bind" on "clusterroles", which lets the holder bind any role, including cluster-admin, to itself; a workload should not be able to widen its own access, so remove the verb.',
            'ClusterRole "rbac-viewer" rules[0] grants verb "Escalate" on "clusterroles", which lets the holder create roles with permissions it does not have; a workload should not be able to widen its own access, so remove the verb.',
        ]);
    });

    it("rejects impersonate in a namespaced Role", async () => {
        const out = await checkResource(disallowEscalationVerbs, {
            type: "kubernetes:rbac.authorization.k8s.io/v1:Role",
            name: "r",
            props: {
                metadata: { namespace: "crm-sync" },
                rules: [
                    { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
                ],
            },
        });
        assert.deepEqual(out.violations, [
            'Role "crm-sync/r" rules[0] grants verb "impersonate" on "serviceaccounts", which lets the holder act as any user, group or service account; a workload should not be able to widen its own access, so remove the verb.',
        ]);
    });

    it("does not throw on wrongly typed verbs, and leaves unknown verbs to the framework", async () => {
        const junk = await checkResource(disallowEscalationVerbs, role([{ verbs: "bind" }, null]));
        assert.deepEqual(junk.violations, []);
        const out = await checkResource(
            disallowEscalationVerbs,
            role([{ ...rule, verbs: unknown.array }]),
        );
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
