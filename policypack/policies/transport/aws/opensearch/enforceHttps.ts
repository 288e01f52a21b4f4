import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "aws-opensearch-domain-enforce-https";

const DOMAIN_TYPES: Record<string, string> = {
    "aws:opensearch/domain:Domain": "OpenSearch domain",
    "aws:elasticsearch/domain:Domain": "Elasticsearch domain",
};

/**
 * Search indexes of personal data are queried over the network (Article 32(1)(a)): OpenSearch (and
 * legacy Elasticsearch) domains enforce HTTPS with a TLS 1.2 policy and encrypt node-to-node traffic.
 */
export const enforceHttps: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that OpenSearch domains enforce HTTPS with TLS 1.2 and encrypt node-to-node traffic.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Set `domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" }` and `nodeToNodeEncryption: { enabled: true }`.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const kind = DOMAIN_TYPES[args.type];
        if (kind === undefined) {
            return;
        }
        const subject = `${kind} "${args.name}"`;
        const endpoint = asObject(args.props.domainEndpointOptions);
        if (endpoint.enforceHttps !== true) {
            reportViolation(
                `${subject} does not enforce HTTPS, so clients can query personal data over plain HTTP; it should: set \`domainEndpointOptions.enforceHttps: true\`.`,
            );
        }
        const policy = endpoint.tlsSecurityPolicy;
        if (typeof policy !== "string" || !policy.startsWith("Policy-Min-TLS-1-2")) {
            const what =
                typeof policy === "string"
                    ? `uses TLS policy "${policy}"`
                    : "sets no TLS policy (AWS then accepts TLS 1.0)";
            reportViolation(
                `${subject} ${what}; it should allow only TLS 1.2 or later: set \`domainEndpointOptions.tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07"\`.`,
            );
        }
        if (asObject(args.props.nodeToNodeEncryption).enabled !== true) {
            reportViolation(
                `${subject} does not encrypt node-to-node traffic, so nodes exchange personal data in plaintext; it should: set \`nodeToNodeEncryption.enabled: true\`.`,
            );
        }
    },
};
