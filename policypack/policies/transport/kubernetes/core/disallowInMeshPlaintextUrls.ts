import type { StackValidationPolicy } from "@pulumi/policy";
import { workloadKind } from "../../../../lib/k8s";
import { DEFAULT_ROOT_NAMESPACE, strictMtlsIndex } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { configUrlFindings, isConfigMap, serviceHost } from "../../../../lib/urls";
import { hostAllowed } from "./disallowPlaintextUrls";

const NAME = "kubernetes-core-workload-disallow-in-mesh-plaintext-urls";

/** Policy config of {@link disallowInMeshPlaintextUrls}. */
export interface DisallowInMeshPlaintextUrlsConfig {
    /** Hosts exempt from the rule: exact names or `*.suffix` patterns. */
    allowedHosts?: string[];
    /** The Istio root namespace, where a PeerAuthentication without a selector is mesh-wide. */
    rootNamespace?: string;
    /** Treat the mesh-wide mTLS mode as STRICT when it is managed outside the stack. */
    assumeMeshStrict?: boolean;
}

/**
 * The advisory half of `kubernetes-core-workload-disallow-plaintext-urls`: a plaintext URL to an
 * in-cluster service (`*.svc`, `*.svc.cluster.local`) whose namespace runs STRICT mTLS in this stack
 * is encrypted between sidecars, but not inside the pods (Article 32(1)(a)); TLS end to end is better.
 */
export const disallowInMeshPlaintextUrls: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that workloads reach in-mesh services under STRICT mTLS with TLS URLs too.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Serve the in-cluster service over TLS and use its `https://` (or other TLS) URL, so data is encrypted end to end and not only between sidecars.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowedHosts: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Hosts exempt from the rule: exact names or `*.suffix` patterns.",
            },
            rootNamespace: {
                type: "string",
                default: DEFAULT_ROOT_NAMESPACE,
                description:
                    "The Istio root namespace: a PeerAuthentication there without a selector is mesh-wide.",
            },
            assumeMeshStrict: {
                type: "boolean",
                default: false,
                description:
                    "Treat the mesh-wide mTLS mode as STRICT when it is managed outside the stack.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<DisallowInMeshPlaintextUrlsConfig>();
        const root =
            typeof config.rootNamespace === "string"
                ? config.rootNamespace
                : DEFAULT_ROOT_NAMESPACE;
        const mesh = strictMtlsIndex(args.resources, root, config.assumeMeshStrict === true);
        for (const r of args.resources) {
            const kind = workloadKind(r.type) ?? (isConfigMap(r.type) ? "ConfigMap" : undefined);
            if (kind === undefined) {
                continue;
            }
            for (const f of configUrlFindings(r.type, r.props)) {
                const svc = serviceHost(f.url.host);
                if (
                    !svc ||
                    !mesh.isStrict(svc.namespace) ||
                    hostAllowed(f.url.host, config.allowedHosts ?? [])
                ) {
                    continue;
                }
                reportViolation(
                    `${kind} "${r.name}" ${f.place} holds plaintext URL "${f.url.redacted}" to an in-mesh service; STRICT mTLS in namespace "${svc.namespace}" encrypts it only between sidecars, so it should use "${f.url.secureForm}" end to end: serve the service over TLS.`,
                    r.urn,
                );
            }
        }
    },
};
