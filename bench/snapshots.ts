// Synthetic snapshots for benchmark 2: the legacy-sync stack's snapshot (deployment v3, as
// `check --emit-state` writes it) replicated k times. The stack resource and the default providers
// stay single (a bigger stack still has one of each); every other resource is copied with its URN,
// logical name and physical names (names, IDs, ARNs, URLs, namespaces) suffixed `-c<i>`, and its
// parent / dependency URNs remapped, so each copy is a self-contained twin of the original and
// the rules' cross-resource lookups find their counterparts in the same copy, as in a real stack.
import type { ResourceState, UntypedDeployment } from "../dist/cli/snapshot";
import { parseUrn, stackOf } from "../dist/cli/snapshot";

/** Names too generic to rename: they are Kubernetes / Vault vocabulary, not this stack's names. */
const KEEP = new Set(["default", "kubernetes"]);

function isShared(r: ResourceState): boolean {
    return r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:");
}

/** Physical and logical names a resource is known by, collected from its URN, id and properties. */
function namesOf(r: ResourceState): string[] {
    const names = [parseUrn(r.urn).name];
    for (const props of [r.inputs, r.outputs]) {
        if (!props) {
            continue;
        }
        for (const key of ["name", "namespace"]) {
            if (typeof props[key] === "string") {
                names.push(props[key] as string);
            }
        }
        const meta = props.metadata;
        if (meta && typeof meta === "object" && !Array.isArray(meta)) {
            for (const key of ["name", "namespace"]) {
                if (typeof meta[key] === "string") {
                    names.push(meta[key] as string);
                }
            }
        }
    }
    if (r.id && !/^[0-9a-f-]{36}$/.test(r.id)) {
        // Plain ids (a name, or a path whose last segment is a name) are names too; ARNs and URLs
        // are renamed through the names they contain.
        if (!r.id.includes(":")) {
            names.push(r.id.split("/").pop()!);
        }
    }
    return names.filter((n) => n.length >= 3 && !KEEP.has(n));
}

function escape(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Rewrites every string in a property tree; object keys are left alone. */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
    if (typeof value === "string") {
        return fn(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => mapStrings(v, fn));
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = mapStrings(v, fn);
        }
        return out;
    }
    return value;
}

export interface Replicated {
    snapshot: UntypedDeployment;
    /** Resources in the result, shared ones included. */
    resources: number;
}

/** The snapshot with its non-shared resources present `copies` times (copy 0 is the original). */
export function replicate(base: UntypedDeployment, copies: number): Replicated {
    const all = base.deployment.resources;
    const shared = all.filter(isShared);
    const own = all.filter((r) => !isShared(r));
    const names = [...new Set(own.flatMap(namesOf))].sort((a, b) => b.length - a.length);
    // A name counts only as a whole token: not inside a longer name ("crm-events" in "crm-events-dlq").
    const nameRe = new RegExp(
        `(?<![A-Za-z0-9_-])(${names.map(escape).join("|")})(?![A-Za-z0-9_-])`,
        "g",
    );
    const ownUrns = new Set(own.map((r) => r.urn));

    const resources: ResourceState[] = [...shared];
    for (let c = 0; c < copies; c++) {
        if (c === 0) {
            resources.push(...own);
            continue;
        }
        const suffix = `-c${c}`;
        const urn = (u: string) => (ownUrns.has(u) ? `${u}${suffix}` : u);
        const rename = (s: string) => s.replace(nameRe, `$1${suffix}`);
        for (const r of own) {
            const copy: ResourceState = {
                ...r,
                urn: urn(r.urn),
                inputs: r.inputs && (mapStrings(r.inputs, rename) as ResourceState["inputs"]),
                outputs: r.outputs && (mapStrings(r.outputs, rename) as ResourceState["outputs"]),
                parent: r.parent && urn(r.parent),
                dependencies: r.dependencies?.map(urn),
                propertyDependencies:
                    r.propertyDependencies &&
                    Object.fromEntries(
                        Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map(urn)]),
                    ),
            };
            if (r.id) {
                copy.id = /^[0-9a-f-]{36}$/.test(r.id) ? r.id : rename(r.id);
            }
            resources.push(copy);
        }
    }
    return {
        snapshot: { version: 3, deployment: { ...base.deployment, resources } },
        resources: resources.length,
    };
}

/** `base` replicated to about `resources` resources (whole copies; at least one). */
export function replicateTo(base: UntypedDeployment, resources: number): Replicated {
    const shared = base.deployment.resources.filter(isShared).length;
    const own = base.deployment.resources.length - shared;
    return replicate(base, Math.max(1, Math.round((resources - shared) / Math.max(1, own))));
}

/** The same snapshot as another stack: every URN's stack part renamed (an export per stack). */
export function asStack(snapshot: UntypedDeployment, stack: string): UntypedDeployment {
    const from = stackOf(snapshot).stack;
    const text = JSON.stringify(snapshot)
        .split(`urn:pulumi:${from}::`)
        .join(`urn:pulumi:${stack}::`);
    return JSON.parse(text) as UntypedDeployment;
}
