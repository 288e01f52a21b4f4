import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeContainer, podTemplate } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding } from "../../../../lib/secrets/detector";
import { containerEnvFindings } from "../../../../lib/secrets/findings";
import { allowedEnvNamesProperty } from "../../../../lib/sharedConfig";

const NAME = "kubernetes-core-container-disallow-high-entropy-env";

/** Policy config of {@link disallowHighEntropyEnv}. */
export interface DisallowHighEntropyEnvConfig {
    /** Env var names never reported (exact, case-sensitive). */
    allowedEnvNames?: string[];
}

/**
 * A random-looking token under a neutral name (`SYNC_CONFIG`) may be a secret no pattern knows.
 * Entropy alone is not proof, so this is advice; the mandatory rule covers recognised secrets.
 */
export const disallowHighEntropyEnv: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that no container env value looks like a random token under a neutral name.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("secrets", "gdpr-art-32"),
    remediationSteps:
        "If the value is a credential, render it from Vault into a file (SecureSyncJob does); if it is not, add the env name to `allowedEnvNames`.",
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
        const config = args.getConfig<DisallowHighEntropyEnvConfig>();
        const found = containerEnvFindings(template.spec, config.allowedEnvNames);
        for await (const { container: c, name, finding } of found) {
            if (finding.confidence === "low") {
                reportViolation(
                    `${template.kind} "${args.name}" ${describeContainer(c)} env "${name}" holds a random-looking literal (${describeFinding(finding)}) that may be a secret; if it is, render it from Vault (SecureSyncJob does), else allow the name in \`allowedEnvNames\`.`,
                );
            }
        }
    },
};
