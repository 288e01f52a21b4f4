import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asObject, metadataOf, stringMap } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { allJobsProperty } from "../../../../lib/sharedConfig";
import { describeJob, StackIndex, syncJobs, templateMarks } from "../../../../lib/syncjobs";

const NAME = "kubernetes-syncjob-job-enforce-mesh-mtls";

/** Policy config of {@link enforceMeshMtls}. */
export interface EnforceMeshMtlsConfig {
    /** Treat every Job and CronJob as a sync job, labelled or not. */
    allJobs?: boolean;
    /** Namespaces the platform enrols in the mesh with STRICT mTLS outside this stack. */
    meshManagedNamespaces?: string[];
    /** Istio's root namespace: a STRICT PeerAuthentication there covers the whole mesh. */
    istioRootNamespace?: string;
}

const PEER_AUTHENTICATION = [
    "kubernetes:security.istio.io/v1:PeerAuthentication",
    "kubernetes:security.istio.io/v1beta1:PeerAuthentication",
];
const AUTHENTICATED_LINKERD_POLICIES = ["all-authenticated", "cluster-authenticated", "deny"];

/** True for a namespace-wide (no selector) STRICT PeerAuthentication. */
function isNamespaceWideStrict(r: PolicyResource): boolean {
    const spec = asObject(asObject(r.props).spec);
    const selector = asObject(asObject(spec.selector).matchLabels);
    return asObject(spec.mtls).mode === "STRICT" && Object.keys(selector).length === 0;
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
            istioRootNamespace: {
                type: "string",
                default: "istio-system",
                description:
                    "Istio's root namespace, where a STRICT PeerAuthentication covers the whole mesh.",
            },
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
        const root =
            typeof config.istioRootNamespace === "string"
                ? config.istioRootNamespace
                : "istio-system";
        const index = new StackIndex(args.resources);

        const namespaces = new Map<
            string,
            { labels: Record<string, string>; annotations: Record<string, string> }
        >();
        for (const r of index.ofType("kubernetes:core/v1:Namespace")) {
            const meta = metadataOf(asObject(r.props));
            if (typeof meta.name === "string") {
                namespaces.set(meta.name, {
                    labels: stringMap(meta.labels),
                    annotations: stringMap(meta.annotations),
                });
            }
        }
        const strict = new Set<string>();
        for (const r of index.ofType(...PEER_AUTHENTICATION)) {
            const ns = metadataOf(asObject(r.props)).namespace;
            if (typeof ns === "string" && isNamespaceWideStrict(r)) {
                strict.add(ns);
            }
        }
        const meshWide = strict.has(root);

        for (const job of jobs) {
            const subject = `Sync job ${describeJob(job)}`;
            const marks = templateMarks(job);
            let optedOut = false;
            if (marks["sidecar.istio.io/inject"] === "false") {
                optedOut = true;
                reportViolation(
                    `${subject} opts its pods out of the mesh with \`sidecar.istio.io/inject: "false"\`, so its traffic should not be trusted to mutual TLS; remove the annotation (SecureSyncJob never sets it).`,
                    job.resource.urn,
                );
            }
            if (marks["linkerd.io/inject"] === "disabled") {
                optedOut = true;
                reportViolation(
                    `${subject} opts its pods out of the mesh with \`linkerd.io/inject: "disabled"\`, so its traffic should not be trusted to mutual TLS; remove the annotation (SecureSyncJob never sets it).`,
                    job.resource.urn,
                );
            }
            if (optedOut || managed.has(job.namespace)) {
                continue;
            }
            const ns = namespaces.get(job.namespace);
            const linkerd =
                ns !== undefined &&
                ns.annotations["linkerd.io/inject"] === "enabled" &&
                AUTHENTICATED_LINKERD_POLICIES.includes(
                    ns.annotations["config.linkerd.io/default-inbound-policy"] ?? "",
                );
            if (linkerd) {
                continue;
            }
            const istioStrict = strict.has(job.namespace) || meshWide;
            const injected =
                (ns !== undefined &&
                    (ns.labels["istio-injection"] === "enabled" ||
                        (ns.labels["istio.io/rev"] ?? "") !== "")) ||
                marks["sidecar.istio.io/inject"] === "true";
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
