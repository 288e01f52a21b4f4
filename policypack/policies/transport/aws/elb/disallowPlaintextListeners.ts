import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject, isTrue } from "../../../../lib/read";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-elb-loadbalancer-disallow-plaintext-listeners";

/** Front-end ports where a TCP listener is read as TLS passed through to the instances. */
const TLS_PASSTHROUGH_PORTS = [443, 8443];

/**
 * A Classic Load Balancer facing the internet with an `HTTP` or `TCP` listener takes personal data
 * off the network in plaintext (Article 32(1)(a)). `HTTPS` and `SSL` listeners terminate TLS; a TCP
 * listener on 443 or 8443 is read as TLS passed through to the instances; an internal load
 * balancer (`internal: true`) is left to the VPC's own controls.
 */
export const disallowPlaintextListeners: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that internet-facing Classic Load Balancers have no plaintext HTTP or TCP listeners.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Make the listener `lbProtocol: "https"` (or `"ssl"`) on 443 with an ACM `sslCertificateId`, or move to an Application Load Balancer with an HTTPS listener and an HTTP-to-HTTPS redirect.',
    url: ruleUrl(NAME),
    validateResource: ofType("aws:elb/loadBalancer:LoadBalancer", (args, reportViolation) => {
        if (isTrue(args.props.internal)) {
            return;
        }
        asArray(args.props.listeners).forEach((raw, i) => {
            const l = asObject(raw);
            const protocol = typeof l.lbProtocol === "string" ? l.lbProtocol.toLowerCase() : "";
            if (protocol !== "http" && protocol !== "tcp") {
                return;
            }
            if (protocol === "tcp" && TLS_PASSTHROUGH_PORTS.includes(l.lbPort)) {
                return;
            }
            const port = typeof l.lbPort === "number" ? ` port ${l.lbPort}` : "";
            reportViolation(
                `Classic Load Balancer "${args.name}" listeners[${i}] accepts ${protocol.toUpperCase()}${port} from the internet without TLS, so personal data crosses the network in plaintext; make it \`lbProtocol: "https"\` on 443 with an ACM \`sslCertificateId\`.`,
            );
        });
    }),
};
