import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, containers, describeContainer, podTemplate } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, scanValue } from "../../../../lib/secrets";

const NAME = "kubernetes-core-container-disallow-env-secrets";

/** Policy config of {@link disallowEnvSecrets}. */
export interface DisallowEnvSecretsConfig {
    /** Env var names never reported (exact, case-sensitive). */
    allowedEnvNames?: string[];
}

/**
 * An env value is in the manifest, the state, `kubectl describe` and every crash dump. Secrets
 * are rendered into the pod by the Vault agent (or the Vault Secrets Operator / CSI) instead.
 * `valueFrom`/`envFrom` are references; a Secret with literal data is reported at the Secret.
 */
export const disallowEnvSecrets: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that no container of a workload holds a secret in a literal env value.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove the literal; have the Vault agent render the credential into a file (`vault.hashicorp.com/agent-inject-secret-*`) and point the app at it (`DB_PASSWORD_FILE=/vault/secrets/db`) — SecureSyncJob does this.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowedEnvNames: {
                type: "array",
                items: { type: "string" },
                default: [],
                description:
                    "Env var names that are never reported, e.g. a public client id the detector mistakes for a secret.",
            },
        },
    },
    validateResource: async (args, reportViolation) => {
        const template = podTemplate(args.type, args.props);
        if (!template) {
            return;
        }
        const config = args.getConfig<DisallowEnvSecretsConfig>();
        const allowed = new Set(
            asArray(config.allowedEnvNames ?? []).filter((n) => typeof n === "string"),
        );
        for (const c of containers(template.spec)) {
            for (const [i, entry] of asArray(c.container.env).entries()) {
                const env = asObject(entry);
                const name = typeof env.name === "string" ? env.name : `#${i}`;
                if (allowed.has(name) || typeof env.value !== "string") {
                    continue;
                }
                const finding = await scanValue(env.value, name);
                if (finding?.confidence === "high") {
                    reportViolation(
                        `${template.kind} "${args.name}" ${describeContainer(c)} env "${name}" holds a literal secret (${describeFinding(finding)}); mount it from Vault (SecureSyncJob does) instead of an env value.`,
                    );
                }
            }
        }
    },
};
