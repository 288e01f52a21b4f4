import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "vault-kv-secret-disallow-literal-data";

const KINDS: Record<string, string> = {
    "vault:generic/secret:Secret": "Vault generic secret",
    "vault:kv/secret:Secret": "Vault KV secret",
    "vault:kv/secretV2:SecretV2": "Vault KV v2 secret",
};

/** Writing a secret into Vault from the program puts it in the program and the state as well. */
export const disallowLiteralData: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Vault KV and generic secrets are not written with literal data from the stack.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Do not write secret values from the program: have Vault generate them (database, AWS or PKI secrets engines), or write them once out of band with `vault kv put`.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const kind = KINDS[args.type];
        if (!kind) {
            return;
        }
        const raw = args.props.dataJson;
        if (raw === undefined || raw === null || raw === "" || raw === "{}") {
            return;
        }
        const path =
            typeof args.props.path === "string"
                ? args.props.path
                : typeof args.props.name === "string"
                  ? args.props.name
                  : args.name;
        let keys: string[] = [];
        try {
            const doc = typeof raw === "string" ? JSON.parse(raw) : raw;
            keys = doc !== null && typeof doc === "object" ? Object.keys(doc) : [];
        } catch {
            keys = [];
        }
        const what = keys.length > 0 ? `keys ${keys.map((k) => `"${k}"`).join(", ")}` : "data";
        reportViolation(
            `${kind} "${path}" is written with literal \`dataJson\` (${what}), so the secret is also in the program and the state; let a Vault secrets engine generate it, or write it out of band.`,
        );
    },
};
