import type { ResourceValidationPolicy } from "@pulumi/policy";
import { metadataOf } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { describeFinding, scanValue } from "../../../../lib/secrets/detector";

const NAME = "kubernetes-core-configmap-disallow-secret-data";

/** A ConfigMap is readable by anyone who can read the namespace's config; secrets do not go there. */
export const disallowSecretData: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that ConfigMaps hold no secrets.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Move the value to Vault and have the Vault agent render it into the pod (SecureSyncJob does); keep only references such as `/vault/secrets/db` in the ConfigMap.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        if (!/^kubernetes:core\/v1:ConfigMap(Patch)?$/.test(args.type)) {
            return;
        }
        const name =
            typeof metadataOf(args.props).name === "string"
                ? metadataOf(args.props).name
                : args.name;
        for (const [key, value] of Object.entries(asObject(args.props.data))) {
            if (typeof value !== "string") {
                continue;
            }
            const finding = await scanValue(value, key);
            if (finding?.confidence === "high") {
                reportViolation(
                    `ConfigMap "${name}" key "${key}" holds a secret (${describeFinding(finding)}); move it to Vault and let the Vault agent render it into the pod (SecureSyncJob does).`,
                );
            }
        }
    },
};
