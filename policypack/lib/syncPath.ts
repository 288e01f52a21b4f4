// What makes a resource part of a "sync path", shared by rules and components: the sync-job label,
// the tags that take a resource out of it, and the sync-job view of a whole stack for the stack rules
// that demand the components (which workloads are sync jobs, where they run, which service account
// they use, what each resource is wired to). Links follow the engine's dependency graph (dependencies
// and property dependencies), known during preview even when the values that made them are not.
// Every index is built once per stack; lookups are Map reads.

import type { PolicyResource } from "@pulumi/policy";
import { metadataOf, podTemplate, type PodTemplateView, workloadKind } from "./k8s";
import { asArray, asObject, stringMap } from "./read";

/** The label (on a Job/CronJob and its pod template) that marks a workload as a data sync job. */
export const SYNC_JOB_LABEL = "gdpr-guard.io/sync-job";
/** The value of {@link SYNC_JOB_LABEL} that marks a sync job. */
export const SYNC_JOB_LABEL_VALUE = "true";
/** Tag / label keys that record who owns the personal data and what category it is (Article 30). */
export const DEFAULT_OWNERSHIP_LABELS = ["data-owner", "data-category"] as const;

/** True when Kubernetes labels mark a workload as a sync job. */
export function isSyncJobLabelled(labels: unknown): boolean {
    return (
        labels !== null &&
        typeof labels === "object" &&
        (labels as Record<string, unknown>)[SYNC_JOB_LABEL] === SYNC_JOB_LABEL_VALUE
    );
}

/**
 * AWS resource tags as a string map. Accepts an object or a JSON string (provider-level
 * `defaultTags` arrive as JSON strings); anything else reads as `{}`; non-string values are ignored.
 */
export function readTags(value: unknown): Record<string, string> {
    let v: unknown = value;
    if (typeof v === "string") {
        try {
            v = JSON.parse(v);
        } catch {
            return {};
        }
    }
    const out: Record<string, string> = {};
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
        return out;
    }
    for (const [k, tagValue] of Object.entries(v as Record<string, unknown>)) {
        if (typeof tagValue === "string") {
            out[k] = tagValue;
        }
    }
    return out;
}

/**
 * True when `tags` carry every key/value pair of `selector`. An empty or malformed selector matches
 * nothing, so a misconfigured exemption never exempts everything.
 */
export function matchesTags(tags: Record<string, string>, selector: unknown): boolean {
    const wanted = readTags(selector);
    const pairs = Object.entries(wanted);
    return pairs.length > 0 && pairs.every(([k, v]) => tags[k] === v);
}

/** Default tag selector that marks an AWS resource as outside the sync path (it carries no personal data). */
export const DEFAULT_OUTSIDE_SYNC_PATH_TAGS: Readonly<Record<string, string>> = {
    "gdpr-guard.io/sync-path": "false",
};

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
