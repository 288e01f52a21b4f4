import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { LISTENER_TYPES, matchesAny } from "../../../../lib/tls";

const NAME = "aws-lb-listener-enforce-tls-policy";

/**
 * Security policies that allow only TLS 1.2 and later, as `*` patterns: the TLS 1.3/1.2 and TLS 1.2
 * families and the forward-secrecy TLS 1.2 family (`ELBSecurityPolicy-FS-1-2-*`). The older
 * `ELBSecurityPolicy-FS-2018-06` still allows TLS 1.0 and is not matched.
 */
export const DEFAULT_ALLOWED_SSL_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-*",
    "ELBSecurityPolicy-TLS-1-2-*",
    "ELBSecurityPolicy-FS-1-2-*",
];

/** Policy config of {@link enforceTlsPolicy}. */
export interface EnforceTlsPolicyConfig {
    /** Allowed `sslPolicy` names; `*` matches any run of characters. */
    allowedSslPolicies?: string[];
}

/**
 * TLS 1.0 and 1.1 are no longer "appropriate technical measures" (Article 32(1)(a)): HTTPS and TLS
 * listeners use a security policy from the allow-list (by default the TLS 1.2+ ELB policies).
 */
export const enforceTlsPolicy: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that HTTPS and TLS load balancer listeners use a TLS 1.2 or later security policy.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set `sslPolicy` to `ELBSecurityPolicy-TLS13-1-2-2021-06` (or another allowed TLS 1.2+ policy) on every HTTPS/TLS listener.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowedSslPolicies: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_ALLOWED_SSL_POLICIES,
                description:
                    "Allowed listener security policies; `*` matches any run of characters.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!LISTENER_TYPES.has(args.type)) {
            return;
        }
        const protocol =
            typeof args.props.protocol === "string" ? args.props.protocol.toUpperCase() : "";
        if (protocol !== "HTTPS" && protocol !== "TLS") {
            return;
        }
        const config = args.getConfig<EnforceTlsPolicyConfig>();
        const allowed = Array.isArray(config.allowedSslPolicies)
            ? config.allowedSslPolicies.filter((p): p is string => typeof p === "string")
            : DEFAULT_ALLOWED_SSL_POLICIES;
        const policy = args.props.sslPolicy;
        const port =
            typeof args.props.port === "number" || typeof args.props.port === "string"
                ? ` port ${args.props.port}`
                : "";
        if (typeof policy === "string" && policy !== "" && matchesAny(policy, allowed)) {
            return;
        }
        const what =
            typeof policy === "string" && policy !== ""
                ? `uses security policy "${policy}"`
                : "sets no `sslPolicy` (AWS then picks ELBSecurityPolicy-2016-08, which allows TLS 1.0)";
        reportViolation(
            `${protocol} listener "${args.name}"${port} ${what}; it should allow only TLS 1.2 or later: set \`sslPolicy\` to one of ${allowed.map((p) => `"${p}"`).join(", ")}.`,
        );
    },
};
