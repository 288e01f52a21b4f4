import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, metadataOf } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "kubernetes-rbac-role-disallow-wildcard-rules";

/** The kind of an RBAC role type token (`Role`, `ClusterRole`, with their Patch forms), or undefined. */
export function rbacRoleKind(type: string): "Role" | "ClusterRole" | undefined {
    const m =
        /^kubernetes:rbac\.authorization\.k8s\.io\/v1(?:beta1|alpha1)?:(Role|ClusterRole)(?:Patch)?$/.exec(
            type,
        );
    return m ? (m[1] as "Role" | "ClusterRole") : undefined;
}

/** `ClusterRole "reader"` or `Role "crm-sync/reader"`, from the resource's metadata (falls back to the Pulumi name). */
export function describeRbacObject(
    kind: string,
    props: Record<string, any>,
    fallback: string,
): string {
    const meta = metadataOf(props);
    const name = typeof meta.name === "string" ? meta.name : fallback;
    return typeof meta.namespace === "string"
        ? `${kind} "${meta.namespace}/${name}"`
        : `${kind} "${name}"`;
}

/** The string entries of a rule field (`verbs`, `resources`, `apiGroups`); other entries are ignored. */
export function ruleStrings(rule: Record<string, any>, field: string): string[] {
    return asArray(rule[field]).filter((v): v is string => typeof v === "string");
}

/** An RBAC role as the rules read it: its kind, how messages name it, and its `rules` as objects. */
export interface RbacRoleView {
    kind: "Role" | "ClusterRole";
    /** {@link describeRbacObject} of the role. */
    subject: string;
    rules: Record<string, any>[];
}

/** Reads a Role or ClusterRole (or its Patch form); undefined for other types. */
export function readRbacRole(
    type: string,
    props: Record<string, any>,
    fallbackName: string,
): RbacRoleView | undefined {
    const kind = rbacRoleKind(type);
    if (!kind) {
        return undefined;
    }
    return {
        kind,
        subject: describeRbacObject(kind, props, fallbackName),
        rules: asArray(props.rules).map(asObject),
    };
}

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
