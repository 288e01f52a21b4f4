// The sync-job view of a whole stack, for the stack rules that demand the components: which
// workloads are sync jobs, where they run, which service account they use, and what each resource
// is wired to. Links between resources follow the engine's dependency graph (dependencies and
// property dependencies), which is known during preview even when the values that made the link
// (an ARN, a queue URL) are not. Every index is built once per stack; lookups are Map reads.
import type { PolicyResource } from "@pulumi/policy";
import {
    asArray,
    asObject,
    metadataOf,
    podTemplate,
    stringMap,
    workloadKind,
    type PodTemplateView,
} from "./k8s";
import { isSyncJobLabelled } from "./sync";

/** A Job or CronJob the rules treat as a sync job. */
export interface SyncJob {
    resource: PolicyResource;
    /** `CronJob` or `Job`. */
    kind: string;
    /** `metadata.namespace`, `default` when absent. */
    namespace: string;
    /** The pod's service account, `default` when absent. */
    serviceAccount: string;
    template: PodTemplateView;
}

/** How messages name a job: `CronJob "crm-erp-sync" in namespace "crm-sync"`. */
export function describeJob(job: SyncJob): string {
    return `${job.kind} "${job.resource.name}" in namespace "${job.namespace}"`;
}

/** `namespace/name`, the key of service-account indexes. */
export function serviceAccountKey(namespace: string, name: string): string {
    return `${namespace}/${name}`;
}

/**
 * The sync jobs of a stack: Jobs and CronJobs labelled with the sync-job label (on the resource or
 * its pod template), or every Job and CronJob when `allJobs` is true.
 */
export function syncJobs(resources: PolicyResource[], allJobs: boolean): SyncJob[] {
    const out: SyncJob[] = [];
    for (const r of resources) {
        const kind = workloadKind(r.type);
        if (kind !== "Job" && kind !== "CronJob") {
            continue;
        }
        const props = asObject(r.props);
        const template = podTemplate(r.type, props)!;
        const meta = metadataOf(props);
        if (
            !allJobs &&
            !isSyncJobLabelled(meta.labels) &&
            !isSyncJobLabelled(template.metadata.labels)
        ) {
            continue;
        }
        const ns = meta.namespace;
        const spec = template.spec;
        const sa =
            typeof spec.serviceAccountName === "string" && spec.serviceAccountName !== ""
                ? spec.serviceAccountName
                : typeof spec.serviceAccount === "string" && spec.serviceAccount !== ""
                  ? spec.serviceAccount
                  : "default";
        out.push({
            resource: r,
            kind,
            namespace: typeof ns === "string" && ns !== "" ? ns : "default",
            serviceAccount: sa,
            template,
        });
    }
    return out;
}

/** The resources one resource depends on (dependencies and property dependencies), each once. */
export function dependenciesOf(r: PolicyResource): PolicyResource[] {
    const seen = new Map<string, PolicyResource>();
    for (const d of asArray(r.dependencies)) {
        if (d && typeof d.urn === "string") {
            seen.set(d.urn, d);
        }
    }
    for (const list of Object.values(asObject(r.propertyDependencies))) {
        for (const d of asArray(list)) {
            if (d && typeof d.urn === "string") {
                seen.set(d.urn, d);
            }
        }
    }
    return [...seen.values()];
}

/** The resources of a stack, indexed once: by type, and reverse dependencies by URN. */
export class StackIndex {
    private readonly byType = new Map<string, PolicyResource[]>();
    private readonly dependents = new Map<string, PolicyResource[]>();

    constructor(readonly resources: PolicyResource[]) {
        for (const r of resources) {
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
            for (const d of dependenciesOf(r)) {
                const back = this.dependents.get(d.urn) ?? [];
                back.push(r);
                this.dependents.set(d.urn, back);
            }
        }
    }

    /** Every resource of one type token, in stack order. */
    ofType(...types: string[]): PolicyResource[] {
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }

    /** The resources that depend on `r` (reverse edges), in stack order. */
    dependentsOf(r: PolicyResource): PolicyResource[] {
        return this.dependents.get(r.urn) ?? [];
    }
}

/** True when a property's value comes from (depends on) a resource of one of `types`. */
export function propertyDependsOn(r: PolicyResource, property: string, types: string[]): boolean {
    return asArray(asObject(r.propertyDependencies)[property]).some(
        (d) => d && types.includes(d.type),
    );
}

/** Service accounts created in the stack, by `namespace/name`. */
export function serviceAccountsByKey(index: StackIndex): Map<string, PolicyResource> {
    const out = new Map<string, PolicyResource>();
    for (const r of index.ofType("kubernetes:core/v1:ServiceAccount")) {
        const meta = metadataOf(asObject(r.props));
        if (typeof meta.name === "string") {
            const ns =
                typeof meta.namespace === "string" && meta.namespace !== ""
                    ? meta.namespace
                    : "default";
            out.set(serviceAccountKey(ns, meta.name), r);
        }
    }
    return out;
}

/** Pod-template annotations and labels together (annotations win), for opt-out checks. */
export function templateMarks(job: SyncJob): Record<string, string> {
    return {
        ...stringMap(job.template.metadata.labels),
        ...stringMap(job.template.metadata.annotations),
    };
}
