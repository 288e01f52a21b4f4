import type { StackValidationPolicy } from "@pulumi/policy";
import { workloadKind } from "../../../../lib/k8s";
import { DEFAULT_ROOT_NAMESPACE, strictMtlsIndex } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { configUrlFindings, isConfigMap, serviceHost } from "../../../../lib/urls";

const NAME = "kubernetes-core-workload-disallow-plaintext-urls";

/** Policy config of {@link disallowPlaintextUrls}. */
export interface DisallowPlaintextUrlsConfig {
    /** Hosts exempt from the rule: exact names or `*.suffix` patterns. */
    allowedHosts?: string[];
    /** The Istio root namespace, where a PeerAuthentication without a selector is mesh-wide. */
    rootNamespace?: string;
    /** Treat the mesh-wide mTLS mode as STRICT when it is managed outside the stack. */
    assumeMeshStrict?: boolean;
}

/** True when `host` matches an exact name or a `*.suffix` pattern of `patterns`. */
export function hostAllowed(host: string, patterns: unknown): boolean {
    if (!Array.isArray(patterns)) {
        return false;
    }
    return patterns.some(
        (p) =>
            typeof p === "string" &&
            (p.startsWith("*.")
                ? host.endsWith(p.slice(1).toLowerCase())
                : host === p.toLowerCase()),
    );
}

/**
 * "Internal does not mean trusted" (Article 32(1)(a)): a sync job configured with `http://`,
 * `redis://`, `amqp://`, … endpoints moves personal data in plaintext. Env values and ConfigMap
 * data may hold only TLS URLs, loopback URLs, or in-mesh service names whose namespace runs STRICT
 * mTLS in this stack (those are left to the advisory
 * `kubernetes-core-workload-disallow-in-mesh-plaintext-urls`).
 */
export const disallowPlaintextUrls: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that workload env values and ConfigMap data hold no plaintext URLs to non-loopback hosts.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Use the TLS form of each URL (`https://`, `rediss://`, `amqps://`, `ldaps://`, …) in env values and ConfigMaps; for in-cluster services, put their namespace under STRICT mTLS with the `MeshNamespace` component.",
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
        const config = args.getConfig<DisallowPlaintextUrlsConfig>();
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
                if (hostAllowed(f.url.host, config.allowedHosts ?? [])) {
                    continue;
                }
                const svc = serviceHost(f.url.host);
                if (svc && mesh.isStrict(svc.namespace)) {
                    continue;
                }
                const meshHint = svc
                    ? `, or put namespace "${svc.namespace}" under STRICT mTLS (MeshNamespace does)`
                    : " (SecureSyncJob accepts only https:// endpoints)";
                reportViolation(
                    `${kind} "${r.name}" ${f.place} holds plaintext URL "${f.url.redacted}", so personal data would cross the network unencrypted; it should use "${f.url.secureForm}": point it at the TLS endpoint${meshHint}.`,
                    r.urn,
                );
            }
        }
    },
};
