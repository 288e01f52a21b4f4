import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { LISTENER_TYPES, redirectsToHttps } from "../../../../lib/tls";
import { isInside } from "../../../../lib/urn";

const NAME = "aws-lb-listener-disallow-plaintext-http";

const AWSX_ALB = ["awsx:lb:ApplicationLoadBalancer"];

/**
 * True for a Gateway Load Balancer's listener: it has neither `protocol` nor `port` (GENEVE on
 * 6081 is implied; AWS refuses both on a GWLB listener), or its load balancer's ARN says `gwy/`.
 * `in` does not read a value that is unknown during preview.
 */
function isGatewayListener(props: Record<string, any>): boolean {
    const arn = props.loadBalancerArn;
    return !("port" in props) || (typeof arn === "string" && /:loadbalancer\/gwy\//.test(arn));
}

/**
 * A load balancer listener speaking HTTP hands personal data to the network in plaintext
 * (Article 32(1)(a)). An HTTP listener is allowed only as a doorway: every default action redirects
 * to HTTPS. A listener without `protocol` is HTTP on an Application Load Balancer. A listener that
 * `awsx.lb.ApplicationLoadBalancer` builds is judged on the component's inputs instead
 * (`awsx-lb-applicationloadbalancer-disallow-plaintext-http`), so it is reported once.
 */
export const disallowPlaintextHttp: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that load balancer listeners using plain HTTP only redirect to HTTPS.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Serve the traffic from an `HTTPS` listener with an ACM certificate and a TLS 1.2+ `sslPolicy`, and make the port-80 listener\'s only default action a `redirect` with `protocol: "HTTPS"`.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!LISTENER_TYPES.has(args.type) || isInside(args.urn, AWSX_ALB)) {
            return;
        }
        const raw = args.props.protocol;
        const protocol = typeof raw === "string" ? raw.toUpperCase() : undefined;
        if (protocol !== undefined && protocol !== "HTTP") {
            return;
        }
        if (protocol === undefined && isGatewayListener(args.props)) {
            return;
        }
        const port =
            typeof args.props.port === "number" || typeof args.props.port === "string"
                ? ` port ${args.props.port}`
                : "";
        const subject = `Listener "${args.name}"${port} uses ${protocol === undefined ? "the default protocol HTTP" : "plaintext HTTP"}`;
        const fix =
            'make it a `redirect` with `protocol: "HTTPS"` and serve the traffic from an HTTPS listener';
        const actions = asArray(args.props.defaultActions);
        if (actions.length === 0) {
            reportViolation(
                `${subject} and has no default actions; it should only redirect: add one \`redirect\` action with \`protocol: "HTTPS"\` and serve the traffic from an HTTPS listener.`,
            );
            return;
        }
        actions.forEach((a, i) => {
            const action = asObject(a);
            if (redirectsToHttps(action)) {
                return;
            }
            const type = typeof action.type === "string" ? action.type : "(missing)";
            reportViolation(
                `${subject} and default action #${i} ("${type}") does not redirect to HTTPS, so personal data crosses the network in plaintext; it should only redirect: ${fix}.`,
            );
        });
    },
};
