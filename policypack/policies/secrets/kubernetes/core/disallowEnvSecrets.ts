import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeContainer, podTemplate } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { containerEnvFindings } from "../../../../lib/secrets/findings";
import { allowedEnvNamesProperty } from "../../../../lib/sharedConfig";

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
            allowedEnvNames: allowedEnvNamesProperty,
        },
    },
    validateResource: async (args, reportViolation) => {
        const template = podTemplate(args.type, args.props);
        if (!template) {
            return;
        }
        const config = args.getConfig<DisallowEnvSecretsConfig>();
        const found = containerEnvFindings(template.spec, config.allowedEnvNames);
        for await (const { container: c, name, finding } of found) {
            if (finding.confidence === "high") {
                reportViolation(
                    `${template.kind} "${args.name}" ${describeContainer(c)} env "${name}" holds a ${literalOrStatic(finding)} secret (${describeFinding(finding)}); mount it from Vault (SecureSyncJob does) instead of an env value.`,
                );
            }
        }
    },
};
