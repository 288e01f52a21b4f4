import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { readRbacRole, ruleStrings } from "../../../../lib/rbac";

const NAME = "kubernetes-rbac-role-disallow-escalation-verbs";

const WHY: Record<string, string> = {
    escalate: "lets the holder create roles with permissions it does not have",
    bind: "lets the holder bind any role, including cluster-admin, to itself",
    impersonate: "lets the holder act as any user, group or service account",
};

/**
 * `escalate`, `bind` and `impersonate` are the RBAC verbs that step around RBAC itself
 * (Article 32(1)(b)): no sync workload needs them.
 */
export const disallowEscalationVerbs: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that Kubernetes Roles and ClusterRoles do not grant the "escalate", "bind" or "impersonate" verbs.',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove the `escalate`, `bind` and `impersonate` verbs; bind the roles the workload needs in the stack instead of letting it bind them.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const role = readRbacRole(args.type, args.props, args.name);
        role?.rules.forEach((rule, i) => {
            for (const verb of ruleStrings(rule, "verbs")) {
                const why = WHY[verb.trim().toLowerCase()];
                if (why) {
                    const on = ruleStrings(rule, "resources");
                    reportViolation(
                        `${role.subject} rules[${i}] grants verb "${verb}"${on.length ? ` on ${on.map((r) => `"${r}"`).join(", ")}` : ""}, which ${why}; a workload should not be able to widen its own access, so remove the verb.`,
                    );
                }
            }
        });
    },
};
