import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeRbacObject } from "../../../../lib/rbac";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "kubernetes-rbac-binding-disallow-broad-bindings";

/** Policy config of {@link disallowBroadBindings}. */
export interface DisallowBroadBindingsConfig {
    /** ClusterRoles no binding may reference. */
    forbiddenClusterRoles?: string[];
}

const DEFAULT_FORBIDDEN = ["cluster-admin", "admin", "edit"];
const BROAD_SUBJECTS: Record<string, string> = {
    "system:anonymous": "every unauthenticated request",
    "system:unauthenticated": "every unauthenticated request",
    "system:authenticated": "every authenticated user and service account of the cluster",
};

function bindingKind(type: string): "RoleBinding" | "ClusterRoleBinding" | undefined {
    const m =
        /^kubernetes:rbac\.authorization\.k8s\.io\/v1(?:beta1|alpha1)?:(RoleBinding|ClusterRoleBinding)(?:Patch)?$/.exec(
            type,
        );
    return m ? (m[1] as "RoleBinding" | "ClusterRoleBinding") : undefined;
}

/**
 * The built-in `cluster-admin`, `admin` and `edit` roles grant far more than a sync job needs, and
 * the `system:anonymous` / `system:(un)authenticated` groups bind a role to everyone
 * (Article 25(2)).
 */
export const disallowBroadBindings: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that RoleBindings and ClusterRoleBindings do not grant the "cluster-admin", "admin" or "edit" ClusterRoles, nor bind anything to the anonymous, unauthenticated or authenticated groups.',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        "Bind a Role that lists only the verbs and resources the workload uses, to the workload's own service account.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            forbiddenClusterRoles: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_FORBIDDEN,
                description: "ClusterRoles no binding may reference.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const kind = bindingKind(args.type);
        if (!kind) {
            return;
        }
        const configured = args.getConfig<DisallowBroadBindingsConfig>().forbiddenClusterRoles;
        const forbidden = new Set(
            (Array.isArray(configured) ? configured : DEFAULT_FORBIDDEN).filter(
                (r): r is string => typeof r === "string",
            ),
        );
        const subject = describeRbacObject(kind, args.props, args.name);
        const roleRef = asObject(args.props.roleRef);
        const refKind = typeof roleRef.kind === "string" ? roleRef.kind : "ClusterRole";
        if (
            refKind === "ClusterRole" &&
            typeof roleRef.name === "string" &&
            forbidden.has(roleRef.name)
        ) {
            reportViolation(
                `${subject} grants ClusterRole "${roleRef.name}"; a workload should hold only the verbs and resources it uses, so bind a Role that lists them instead.`,
            );
        }
        asArray(args.props.subjects).forEach((raw, i) => {
            const s = asObject(raw);
            const who = typeof s.name === "string" ? BROAD_SUBJECTS[s.name] : undefined;
            if (who) {
                reportViolation(
                    `${subject} subjects[${i}] is "${s.name}", which is ${who}; a role should be bound to the one service account that needs it, so bind that service account instead.`,
                );
            }
        });
    },
};
