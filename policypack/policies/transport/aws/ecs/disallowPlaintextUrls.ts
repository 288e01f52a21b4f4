import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ecsContainers, literalEnvironment } from "../../../../lib/ecs";
import { ruleUrl, tags } from "../../../../lib/meta";
import { allowedHostsProperty } from "../../../../lib/sharedConfig";
import { findPlaintextUrls, hostAllowed } from "../../../../lib/urls";

const NAME = "aws-ecs-taskdefinition-disallow-plaintext-urls";

export interface DisallowPlaintextUrlsConfig {
    allowedHosts?: string[];
}

/**
 * An ECS container told to reach its CRM, database or cache at an `http://`, `redis://` or
 * `postgres://` URL without TLS sends personal data across the network in plaintext
 * (Article 32(1)(a)). Read from the literal environment of task definitions and of the awsx ECS
 * components, as the Kubernetes plaintext-URL rule reads pod env values.
 */
export const disallowPlaintextUrls: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that ECS task definitions (and the awsx ECS components) point no container at a plaintext URL.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Point the variable at the service's TLS endpoint (`https://`, `rediss://`, `?sslmode=verify-full`), or list an internal host that is reached only through a TLS sidecar in `allowedHosts`.",
    url: ruleUrl(NAME),
    configSchema: { properties: { allowedHosts: allowedHostsProperty } },
    validateResource: (args, reportViolation) => {
        const found = ecsContainers(args.type, args.name, args.props, args.urn);
        if (!found?.containers) {
            return;
        }
        const allowed = args.getConfig<DisallowPlaintextUrlsConfig>().allowedHosts ?? [];
        for (const c of found.containers) {
            for (const env of literalEnvironment(c.def)) {
                for (const url of findPlaintextUrls(env.value)) {
                    if (hostAllowed(url.host, allowed)) {
                        continue;
                    }
                    reportViolation(
                        `${found.subject} container "${c.name}" environment "${env.name}" holds plaintext URL "${url.redacted}", so personal data would cross the network unencrypted; it should use "${url.secureForm}": point it at the TLS endpoint.`,
                    );
                }
            }
        }
    },
};
