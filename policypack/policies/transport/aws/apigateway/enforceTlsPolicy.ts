import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { matchesAny } from "../../../../lib/tls";

const NAME = "aws-apigateway-domainname-enforce-tls-policy";

/** API Gateway security policies that allow only TLS 1.2 and later, as `*` patterns. */
export const DEFAULT_ALLOWED_SECURITY_POLICIES = [
    "TLS_1_2",
    "SecurityPolicy_TLS13_*",
    "SecurityPolicy_TLS12_*",
];

/** Policy config of {@link enforceTlsPolicy}. */
export interface EnforceTlsPolicyConfig {
    /** Allowed `securityPolicy` names; `*` matches any run of characters. */
    allowedSecurityPolicies?: string[];
}

/**
 * An API's custom domain is where clients negotiate TLS (Article 32(1)(a)): API Gateway domain names
 * (REST `aws.apigateway.DomainName` and HTTP/WebSocket `aws.apigatewayv2.DomainName`) use a TLS 1.2+
 * security policy; without one, AWS accepts TLS 1.0.
 */
export const enforceTlsPolicy: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that API Gateway custom domain names use a TLS 1.2 or later security policy.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Set `securityPolicy: "TLS_1_2"` on `aws.apigateway.DomainName`, or `domainNameConfiguration.securityPolicy: "TLS_1_2"` on `aws.apigatewayv2.DomainName`.',
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            allowedSecurityPolicies: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_ALLOWED_SECURITY_POLICIES,
                description:
                    "Allowed domain name security policies; `*` matches any run of characters.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        let policy: unknown;
        let place: string;
        if (args.type === "aws:apigateway/domainName:DomainName") {
            policy = args.props.securityPolicy;
            place = "`securityPolicy`";
        } else if (args.type === "aws:apigatewayv2/domainName:DomainName") {
            policy = asObject(args.props.domainNameConfiguration).securityPolicy;
            place = "`domainNameConfiguration.securityPolicy`";
        } else {
            return;
        }
        const config = args.getConfig<EnforceTlsPolicyConfig>();
        const allowed = Array.isArray(config.allowedSecurityPolicies)
            ? config.allowedSecurityPolicies.filter((p): p is string => typeof p === "string")
            : DEFAULT_ALLOWED_SECURITY_POLICIES;
        if (typeof policy === "string" && policy !== "" && matchesAny(policy, allowed)) {
            return;
        }
        const domain =
            typeof args.props.domainName === "string" ? ` ("${args.props.domainName}")` : "";
        const what =
            typeof policy === "string" && policy !== ""
                ? `sets ${place} to "${policy}"`
                : `sets no ${place}, so AWS may accept TLS 1.0`;
        reportViolation(
            `API Gateway domain name "${args.name}"${domain} ${what}; it should allow only TLS 1.2 or later: set ${place} to "TLS_1_2".`,
        );
    },
};
