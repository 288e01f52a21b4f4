// AWS Secrets Manager in a stack: which secrets exist, which rotate, and what a secret id names.
/** The parts of a stack resource the Secrets Manager indexes read (a `PolicyResource` fits). */
export interface StackResourceView {
    type: string;
    urn: string;
    name: string;
    props: Record<string, any>;
    propertyDependencies?: Record<string, { urn: string }[]>;
}

/**
 * The URN of the Secrets Manager secret a resource's `secretId` points at: through the property
 * dependency (the usual `secretId: secret.id`, unknown during preview but linked), else by the
 * literal id matching a secret's `name`, `arn` or logical name. `secretsByKey` comes from
 * {@link indexSecrets}. Computed outputs are never read.
 */
export function secretIdTarget(
    r: StackResourceView,
    secretsByKey: Map<string, string>,
): string | undefined {
    for (const dep of r.propertyDependencies?.secretId ?? []) {
        if (secretsByKey.has(dep.urn)) {
            return dep.urn;
        }
    }
    if ((r.propertyDependencies?.secretId ?? []).length > 0) {
        return undefined;
    }
    const id = r.props.secretId;
    return typeof id === "string" ? secretsByKey.get(id) : undefined;
}

/** Indexes the stack's `aws.secretsmanager.Secret`s by URN, logical name and input `name` → URN. */
export function indexSecrets(resources: StackResourceView[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of resources) {
        if (r.type === "aws:secretsmanager/secret:Secret") {
            out.set(r.urn, r.urn);
            out.set(r.name, r.urn);
            const name = r.props.name;
            if (typeof name === "string" && name !== "") {
                out.set(name, r.urn);
            }
        }
    }
    return out;
}

/** URNs of the stack's secrets that an `aws.secretsmanager.SecretRotation` rotates. */
export function rotatedSecrets(
    resources: StackResourceView[],
    secretsByKey: Map<string, string>,
): Set<string> {
    const out = new Set<string>();
    for (const r of resources) {
        if (r.type === "aws:secretsmanager/secretRotation:SecretRotation") {
            const target = secretIdTarget(r, secretsByKey);
            if (target) {
                out.add(target);
            }
        }
    }
    return out;
}
