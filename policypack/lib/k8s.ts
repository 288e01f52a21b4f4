// Readers for Kubernetes workloads: where the pod template lives in each pod-bearing kind, and the
// containers inside it. Every rule that looks into pods goes through here, so that a new kind (or
// a CronJob's nested `jobTemplate`) is handled once.

import { asArray, asObject } from "./read";

/** A pod template found inside a resource, with the property path it was found at. */
export interface PodTemplateView {
    /** The workload kind, e.g. `CronJob`. */
    kind: string;
    /** Dotted path of the pod template inside the resource's inputs, e.g. `spec.jobTemplate.spec.template`. */
    path: string;
    /** The pod template's metadata (labels, annotations); `{}` when absent. */
    metadata: Record<string, any>;
    /** The pod spec; `{}` when absent. */
    spec: Record<string, any>;
}

/** One container of a pod spec, with its role and position. */
export interface ContainerView {
    role: "container" | "initContainer" | "ephemeralContainer";
    index: number;
    name: string;
    container: Record<string, any>;
}

// Where the pod template sits in each kind. `Pod` is its own template.
const TEMPLATE_PATHS: Record<string, string[]> = {
    Pod: [],
    Deployment: ["spec", "template"],
    StatefulSet: ["spec", "template"],
    DaemonSet: ["spec", "template"],
    ReplicaSet: ["spec", "template"],
    ReplicationController: ["spec", "template"],
    Job: ["spec", "template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
};

const WORKLOAD_TYPE =
    /^kubernetes:(core|apps|batch|extensions)\/v1(?:beta1|beta2)?:([A-Za-z]+?)(Patch)?$/;

/** The workload kind of a Pulumi type token (`kubernetes:batch/v1:CronJob` → `CronJob`), or undefined. */
export function workloadKind(type: string): string | undefined {
    const m = WORKLOAD_TYPE.exec(type);
    if (!m) {
        return undefined;
    }
    return m[2] in TEMPLATE_PATHS ? m[2] : undefined;
}

/** True for every pod-bearing Kubernetes type (Pod, Deployment, …, CronJob, and their Patch forms). */
export function isWorkload(type: string): boolean {
    return workloadKind(type) !== undefined;
}

/** The pod template of a workload resource, or undefined when the type is not pod-bearing. */
export function podTemplate(type: string, props: Record<string, any>): PodTemplateView | undefined {
    const kind = workloadKind(type);
    if (!kind) {
        return undefined;
    }
    let node: Record<string, any> = asObject(props);
    for (const key of TEMPLATE_PATHS[kind]) {
        node = asObject(node[key]);
    }
    return {
        kind,
        path: TEMPLATE_PATHS[kind].join("."),
        metadata: asObject(node.metadata),
        spec: asObject(node.spec),
    };
}

/** The job spec of a Job (`spec`) or CronJob (`spec.jobTemplate.spec`), or undefined for other types. */
export function jobSpec(type: string, props: Record<string, any>): Record<string, any> | undefined {
    const kind = workloadKind(type);
    if (kind === "Job") {
        return asObject(props.spec);
    }
    if (kind === "CronJob") {
        return asObject(asObject(asObject(props.spec).jobTemplate).spec);
    }
    return undefined;
}

/**
 * The workload kind of a resource a batch rule checks, when it is one of `kinds`; undefined for
 * other types. A Patch form is not applicable (`args.notApplicable`): it only changes the fields it sets.
 */
export function batchRuleKind<K extends string>(
    args: { type: string; notApplicable(reason?: string): void },
    kinds: readonly K[],
): K | undefined {
    const kind = workloadKind(args.type) as K | undefined;
    if (kind === undefined || !kinds.includes(kind)) {
        return undefined;
    }
    if (args.type.endsWith("Patch")) {
        args.notApplicable("A patch only changes the fields it sets.");
    }
    return kind;
}

/** Every container, init container and ephemeral container of a pod spec. */
export function containers(spec: Record<string, any>): ContainerView[] {
    const out: ContainerView[] = [];
    const groups: [ContainerView["role"], string][] = [
        ["initContainer", "initContainers"],
        ["container", "containers"],
        ["ephemeralContainer", "ephemeralContainers"],
    ];
    for (const [role, key] of groups) {
        asArray(spec[key]).forEach((c, index) => {
            const container = asObject(c);
            const name = typeof container.name === "string" ? container.name : `#${index}`;
            out.push({ role, index, name, container });
        });
    }
    return out;
}

/** How a container is named in a violation message: `container "sync"` or `init container "migrate"`. */
export function describeContainer(c: ContainerView): string {
    const role =
        c.role === "container"
            ? "container"
            : c.role === "initContainer"
              ? "init container"
              : "ephemeral container";
    return `${role} "${c.name}"`;
}

/** The `metadata` of any Kubernetes resource; `{}` when absent. */
export function metadataOf(props: Record<string, any>): Record<string, any> {
    return asObject(props?.metadata);
}
