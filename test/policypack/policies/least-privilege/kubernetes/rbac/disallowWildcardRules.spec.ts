import * as assert from "node:assert/strict";
import { disallowWildcardRules } from "../../../../../../policypack/policies/least-privilege/kubernetes/rbac/disallowWildcardRules";
import { checkResource, unknown } from "../../../../harness";

const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const rule = { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] };
const role = (rules: unknown, type = ROLE) => ({
    type,
    name: "r",
    props: { metadata: { name: "crm-sync-reader", namespace: "crm-sync" }, rules },
});

describe("kubernetes-rbac-role-disallow-wildcard-rules", () => {
    it("accepts a Role that lists verbs, resources and the core group", async () => {
        const out = await checkResource(disallowWildcardRules, role([rule]));
        assert.deepEqual(out.violations, []);
    });

    it('rejects "*" in verbs', async () => {
        const out = await checkResource(
            disallowWildcardRules,
            role([rule, { ...rule, verbs: ["*"] }]),
        );
        assert.deepEqual(out.violations, [
            'Role "crm-sync/crm-sync-reader" rules[1] grants verbs "*"; a role should grant only what the workload uses, including what is installed later, so list the verbs it uses (e.g. "get", "list") instead.',
        ]);
    });

    it('rejects "*" in resources and apiGroups of a ClusterRole, one message each', async () => {
        const out = await checkResource(disallowWildcardRules, {
            type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
            name: "cr",
            props: { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }] },
        });
        assert.deepEqual(out.violations, [
            'ClusterRole "cr" rules[0] grants resources "*"; a role should grant only what the workload uses, including what is installed later, so list the resources it uses (e.g. "configmaps") instead.',
            'ClusterRole "cr" rules[0] grants apiGroups "*"; a role should grant only what the workload uses, including what is installed later, so list the API groups of those resources (e.g. "" for the core group) instead.',
        ]);
    });

    it('accepts a sub-resource pattern that is not a bare "*"', async () => {
        const out = await checkResource(
            disallowWildcardRules,
            role([{ ...rule, resources: ["pods/log"] }]),
        );
        assert.deepEqual(out.violations, []);
    });

    it("checks RolePatch too and does not throw on wrongly typed rules", async () => {
        const patch = await checkResource(
            disallowWildcardRules,
            role(
                [{ ...rule, verbs: "*" }, "x", { verbs: ["*", 3] }],
                "kubernetes:rbac.authorization.k8s.io/v1:RolePatch",
            ),
        );
        assert.equal(patch.violations.length, 1);
        const junk = await checkResource(disallowWildcardRules, role("nope"));
        assert.deepEqual(junk.violations, []);
    });

    it("leaves rules that are unknown during preview to the framework", async () => {
        const out = await checkResource(disallowWildcardRules, role(unknown.array));
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
