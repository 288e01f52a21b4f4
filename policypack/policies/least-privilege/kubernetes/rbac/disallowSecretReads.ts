import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { readRbacRole, ruleStrings } from "../../../../lib/rbac";

const NAME = "kubernetes-rbac-clusterrole-disallow-secret-reads";

const READ_VERBS = new Set(["get", "list", "watch", "*"]);

/**
 * A ClusterRole that reads Secrets reads every namespace's credentials once bound cluster-wide
 * (Article 32(1)(b)). `get` limited by `resourceNames` names the secrets it may read and passes;
 * `list` and `watch` ignore `resourceNames`.
 */
export const disallowSecretReads: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that ClusterRoles do not grant "get", "list" or "watch" on Secrets across the cluster.',
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Grant Secret access with a namespaced Role in the workload's own namespace (with `resourceNames` for `get`), or better, deliver credentials from Vault (`VaultWorkloadIdentity`) so the workload needs no Secret access.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const role = readRbacRole(args.type, args.props, args.name);
        if (role?.kind !== "ClusterRole") {
            return;
        }
        role.rules.forEach((rule, i) => {
            const groups = ruleStrings(rule, "apiGroups");
            const coreGroup = groups.length === 0 || groups.some((g) => g === "" || g === "*");
            if (
                !coreGroup ||
                !ruleStrings(rule, "resources").some((r) => r.trim().toLowerCase() === "secrets")
            ) {
                return;
            }
            const named = ruleStrings(rule, "resourceNames").length > 0;
            const verbs = ruleStrings(rule, "verbs").filter((v) => {
                const verb = v.trim().toLowerCase();
                return READ_VERBS.has(verb) && !(named && verb === "get");
            });
            if (verbs.length === 0) {
                return;
            }
            reportViolation(
                `${role.subject} rules[${i}] grants ${verbs.map((v) => `"${v}"`).join(", ")} on "secrets" across the cluster; a workload should read only its own credentials, so use a namespaced Role with resourceNames, or deliver them from Vault (VaultWorkloadIdentity does).`,
            );
        });
    },
};
