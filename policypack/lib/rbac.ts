// Readers for Kubernetes RBAC objects (Roles, ClusterRoles and their bindings), shared by the RBAC rules.
import { metadataOf } from "./k8s";
import { asArray, asObject } from "./read";

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
