import type { StackValidationPolicy } from "@pulumi/policy";
import { strictMtlsIndexFor } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    hostAllowed,
    serviceHost,
    stackConfigUrlFindings,
    type DisallowPlaintextUrlsConfig,
} from "../../../../lib/urls";
import { allowedHostsProperty, meshScopeProperties } from "../../../../lib/sharedConfig";

const NAME = "kubernetes-core-workload-disallow-in-mesh-plaintext-urls";

/** Policy config of {@link disallowInMeshPlaintextUrls}: the same as its mandatory half's. */
export type DisallowInMeshPlaintextUrlsConfig = DisallowPlaintextUrlsConfig;

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
    configSchema: { properties: { allowedHosts: allowedHostsProperty, ...meshScopeProperties } },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<DisallowInMeshPlaintextUrlsConfig>();
        const mesh = strictMtlsIndexFor(args.resources, config);
        for (const { resource: r, kind, finding: f } of stackConfigUrlFindings(args.resources)) {
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
    },
};
