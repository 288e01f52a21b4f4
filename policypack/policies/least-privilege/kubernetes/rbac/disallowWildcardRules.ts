import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { readRbacRole, ruleStrings } from "../../../../lib/rbac";

const NAME = "kubernetes-rbac-role-disallow-wildcard-rules";

const FIELDS: [string, string][] = [
    ["verbs", 'the verbs it uses (e.g. "get", "list")'],
    ["resources", 'the resources it uses (e.g. "configmaps")'],
    ["apiGroups", 'the API groups of those resources (e.g. "" for the core group)'],
];

/**
 * A sync job's Kubernetes role lists what it does (Article 25(2)): `*` in verbs, resources or API
 * groups grants everything that exists now and everything installed later (CRDs included).
 */
export const disallowWildcardRules: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that Kubernetes Roles and ClusterRoles do not use "*" in verbs, resources or apiGroups.',
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        "Replace each `*` with the exact verbs, resources and API groups the workload uses.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const role = readRbacRole(args.type, args.props, args.name);
        role?.rules.forEach((rule, i) => {
            for (const [field, instead] of FIELDS) {
                if (ruleStrings(rule, field).some((v) => v.trim() === "*")) {
                    reportViolation(
                        `${role.subject} rules[${i}] grants ${field} "*"; a role should grant only what the workload uses, including what is installed later, so list ${instead} instead.`,
                    );
                }
            }
        });
    },
};
