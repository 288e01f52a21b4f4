import type { StackValidationPolicy } from "@pulumi/policy";
import { metadataOf } from "../../../../lib/k8s";
import {
    injectionOptOuts,
    isNamespace,
    linkerdAuthenticated,
    namespaceInjection,
    strictMtlsIndexFor,
    type MeshScopeConfig,
} from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { allJobsProperty, meshScopeProperties } from "../../../../lib/sharedConfig";
import { describeJob, syncJobs, templateMarks } from "../../../../lib/syncPath";

const NAME = "kubernetes-syncjob-job-enforce-mesh-mtls";

/** Policy config of {@link enforceMeshMtls}. */
export interface EnforceMeshMtlsConfig extends MeshScopeConfig {
    /** Treat every Job and CronJob as a sync job, labelled or not. */
    allJobs?: boolean;
    /** Namespaces the platform enrols in the mesh with STRICT mTLS outside this stack. */
    meshManagedNamespaces?: string[];
}

/**
 * A sync job moves personal data between systems; inside the cluster that traffic is encrypted and
 * authenticated only when the job's namespace is in the mesh under STRICT mutual TLS (Article 32).
 */
export const enforceMeshMtls: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that every sync job runs in a namespace this stack puts under STRICT mesh mutual TLS, with injection not disabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Run the job in a `MeshNamespace` (Istio: injection label and a STRICT PeerAuthentication; Linkerd: injection and an all-authenticated default policy) — `SecureSyncJob` does — and do not opt its pods out of injection.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allJobs: allJobsProperty,
            meshManagedNamespaces: {
                type: "array",
                items: { type: "string" },
                default: [],
                description:
                    "Namespaces the platform enrols in the mesh with STRICT mTLS outside this stack.",
            },
            ...meshScopeProperties,
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<EnforceMeshMtlsConfig>();
        const jobs = syncJobs(args.resources, config.allJobs ?? false);
        if (jobs.length === 0) {
            return;
        }
        const managed = new Set(
            (Array.isArray(config.meshManagedNamespaces)
                ? config.meshManagedNamespaces
                : []
            ).filter((n) => typeof n === "string"),
        );
        const mesh = strictMtlsIndexFor(args.resources, config);
        const namespaces = new Map<string, Record<string, any>>();
        for (const r of args.resources) {
            if (isNamespace(r.type)) {
                const meta = metadataOf(asObject(r.props));
                if (typeof meta.name === "string") {
                    namespaces.set(meta.name, meta);
                }
            }
        }

        for (const job of jobs) {
            const subject = `Sync job ${describeJob(job)}`;
            const optOuts = injectionOptOuts(job.template.metadata);
            for (const optOut of optOuts) {
                reportViolation(
                    `${subject} opts its pods out of the mesh with ${optOut}, so its traffic should not be trusted to mutual TLS; remove it (SecureSyncJob never sets it).`,
                    job.resource.urn,
                );
            }
            if (optOuts.length > 0 || managed.has(job.namespace)) {
                continue;
            }
            const ns = namespaces.get(job.namespace);
            if (ns !== undefined && linkerdAuthenticated(ns)) {
                continue;
            }
            const istioStrict = mesh.isStrict(job.namespace);
            const injected =
                (ns !== undefined && namespaceInjection(ns) === "enabled") ||
                templateMarks(job)["sidecar.istio.io/inject"]?.trim().toLowerCase() === "true";
            if (istioStrict && injected) {
                continue;
            }
            if (istioStrict) {
                reportViolation(
                    `${subject} should get a mesh sidecar, but namespace "${job.namespace}" has no \`istio-injection: enabled\` or \`istio.io/rev\` label, so STRICT mTLS cannot protect its traffic; enrol the namespace with MeshNamespace (SecureSyncJob does).`,
                    job.resource.urn,
                );
            } else if (ns === undefined) {
                reportViolation(
                    `${subject} should run under STRICT mutual TLS, but this stack neither creates namespace "${job.namespace}" in a mesh nor gives it a STRICT PeerAuthentication, so its traffic may cross the cluster in plaintext; run it in a MeshNamespace (SecureSyncJob does), or list the namespace in \`meshManagedNamespaces\` if the platform enforces mTLS there.`,
                    job.resource.urn,
                );
            } else {
                reportViolation(
                    `${subject} should run under STRICT mutual TLS, but namespace "${job.namespace}" has no STRICT PeerAuthentication and no Linkerd \`all-authenticated\` default policy in this stack, so its traffic may cross the cluster in plaintext; enrol the namespace with MeshNamespace (SecureSyncJob does).`,
                    job.resource.urn,
                );
            }
        }
    },
};
