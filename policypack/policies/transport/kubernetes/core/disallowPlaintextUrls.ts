import type { StackValidationPolicy } from "@pulumi/policy";
import { strictMtlsIndexFor } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { allowedHostsProperty, meshScopeProperties } from "../../../../lib/sharedConfig";
import {
    DisallowPlaintextUrlsConfig,
    hostAllowed,
    serviceHost,
    stackConfigUrlFindings,
} from "../../../../lib/urls";

const NAME = "kubernetes-core-workload-disallow-plaintext-urls";

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
            allowedHosts: allowedHostsProperty,
            ...meshScopeProperties,
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<DisallowPlaintextUrlsConfig>();
        const mesh = strictMtlsIndexFor(args.resources, config);
        for (const { resource: r, kind, finding: f } of stackConfigUrlFindings(args.resources)) {
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
    },
};
