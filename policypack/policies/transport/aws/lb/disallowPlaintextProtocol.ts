import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-lb-targetgroup-disallow-plaintext-protocol";

const TARGET_GROUP_TYPES = new Set([
    "aws:lb/targetGroup:TargetGroup",
    "aws:alb/targetGroup:TargetGroup",
]);
const PLAINTEXT = new Set(["HTTP", "TCP"]);

/**
 * The hop from the load balancer to its targets crosses the VPC (Article 32(1)(a)): target groups
 * should speak HTTPS or TLS. Advisory by default, because TLS on every target is a migration; the
 * platform team makes it mandatory per stack through policy config.
 */
export const disallowPlaintextProtocol: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that load balancer target groups reach their targets over HTTPS or TLS rather than HTTP or TCP.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Serve TLS on the targets and set the target group's `protocol` to `HTTPS` (ALB) or `TLS` (NLB).",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!TARGET_GROUP_TYPES.has(args.type)) {
            return;
        }
        const raw = args.props.protocol;
        const protocol = typeof raw === "string" ? raw.toUpperCase() : undefined;
        if (protocol === undefined || !PLAINTEXT.has(protocol)) {
            return;
        }
        const port =
            typeof args.props.port === "number" || typeof args.props.port === "string"
                ? ` port ${args.props.port}`
                : "";
        const secure = protocol === "HTTP" ? "HTTPS" : "TLS";
        reportViolation(
            `Target group "${args.name}"${port} reaches its targets over "${protocol}", so personal data crosses the VPC in plaintext; it should use "${secure}": serve TLS on the targets and set \`protocol: "${secure}"\`.`,
        );
    },
};
