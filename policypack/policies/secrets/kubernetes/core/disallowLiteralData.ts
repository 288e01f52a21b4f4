import type { ResourceValidationPolicy } from "@pulumi/policy";
import { metadataOf } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "kubernetes-core-secret-disallow-literal-data";

/** Policy config of {@link disallowLiteralData}. */
export interface DisallowLiteralDataConfig {
    /** Secret types that may carry literal data (e.g. a type your platform fills from Vault). */
    allowedSecretTypes?: string[];
}

/** Types this rule leaves alone: TLS is the advisory rule's; service-account tokens are filled by the cluster. */
const EXEMPT_TYPES = new Set(["kubernetes.io/tls", "kubernetes.io/service-account-token"]);

/**
 * A Kubernetes Secret created by the program carries its values in the program and the state,
 * base64 is not encryption. Secrets come from Vault (agent injection, Vault Secrets Operator, CSI).
 */
export const disallowLiteralData: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Kubernetes Secrets created by the stack carry no literal data.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Delete the Secret's `data`/`stringData`; deliver the values from Vault through agent injection (SecureSyncJob does), a Vault Secrets Operator `VaultStaticSecret`/`VaultDynamicSecret`, or the Vault CSI provider.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowedSecretTypes: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Secret types that may carry literal data.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!/^kubernetes:core\/v1:Secret(Patch)?$/.test(args.type)) {
            return;
        }
        const type = typeof args.props.type === "string" ? args.props.type : "Opaque";
        const config = args.getConfig<DisallowLiteralDataConfig>();
        const allowed = asArray(config.allowedSecretTypes ?? []);
        if (EXEMPT_TYPES.has(type) || allowed.includes(type)) {
            return;
        }
        const name =
            typeof metadataOf(args.props).name === "string"
                ? metadataOf(args.props).name
                : args.name;
        for (const field of ["data", "stringData"]) {
            const raw = args.props[field];
            if (raw === undefined || raw === null) {
                continue;
            }
            const keys = Object.entries(asObject(raw))
                .filter(([, v]) => typeof v !== "string" || v !== "")
                .map(([k]) => k);
            if (typeof raw === "string" && raw !== "") {
                keys.push("(whole field)");
            }
            for (const key of keys) {
                reportViolation(
                    `Secret "${name}" (type "${type}") holds literal ${field} key "${key}"; secrets in the program are secrets in the state — deliver it from Vault (agent injection as SecureSyncJob does, Vault Secrets Operator, or CSI) instead.`,
                );
            }
        }
    },
};
