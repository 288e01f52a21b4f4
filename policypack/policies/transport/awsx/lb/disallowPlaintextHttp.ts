import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { redirectsToHttps } from "../../../../lib/tls";
import { ofType } from "../../../../lib/ofType";

const NAME = "awsx-lb-applicationloadbalancer-disallow-plaintext-http";

/** One listener the component will create, with its protocol as awsx infers it. */
interface AwsxListener {
    place: string;
    port: unknown;
    protocol: string;
    defaultActions: unknown[] | undefined;
}

/**
 * The listeners `awsx.lb.ApplicationLoadBalancer` creates (pulumi-awsx `applicationLoadBalancer.ts`,
 * `getListenerProtocol`): the one `listener`, each of `listeners`, or — when neither is given — one
 * HTTP listener on `defaultTargetGroupPort` (80 by default). A listener without a protocol is HTTPS
 * on port 443 and HTTP on any other port; without a port it is 443 for HTTPS and 80 otherwise.
 * Without `defaultActions` it forwards to the default target group.
 */
function listenersOf(props: Record<string, any>): AwsxListener[] {
    const given =
        props.listener !== undefined
            ? [{ place: "listener", l: asObject(props.listener) }]
            : props.listeners !== undefined
              ? asArray(props.listeners).map((l, i) => ({
                    place: `listeners[${i}]`,
                    l: asObject(l),
                }))
              : undefined;
    if (given === undefined) {
        const port = props.defaultTargetGroupPort ?? 80;
        return [
            { place: "the default listener", port, protocol: "HTTP", defaultActions: undefined },
        ];
    }
    return given.map(({ place, l }) => {
        const raw = typeof l.protocol === "string" ? l.protocol.toUpperCase() : undefined;
        const protocol = raw ?? (l.port === 443 ? "HTTPS" : "HTTP");
        const port = l.port ?? (protocol === "HTTPS" ? 443 : 80);
        return {
            place,
            port,
            protocol,
            defaultActions: l.defaultActions === undefined ? undefined : asArray(l.defaultActions),
        };
    });
}

/**
 * `awsx.lb.ApplicationLoadBalancer` builds its listeners inside the component, where the pack
 * sees only the component's inputs; left to its defaults it listens on plain HTTP port 80 and
 * forwards the traffic, so personal data crosses the network unencrypted (Article 32(1)(a)). As for
 * `aws.lb.Listener`, an HTTP listener may only redirect to HTTPS.
 */
export const disallowPlaintextHttp: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that awsx ApplicationLoadBalancer listeners, the implicit default one included, use HTTPS or only redirect to it.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Pass `listeners`: one `{ port: 443, protocol: "HTTPS", certificateArn, sslPolicy }` and, if port 80 must answer, one `{ port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }`.',
    url: ruleUrl(NAME),
    validateResource: ofType("awsx:lb:ApplicationLoadBalancer", (args, reportViolation) => {
        for (const l of listenersOf(args.props)) {
            if (l.protocol !== "HTTP") {
                continue;
            }
            const actions = (l.defaultActions ?? []).map(asObject);
            if (
                l.defaultActions !== undefined &&
                actions.length > 0 &&
                actions.every(redirectsToHttps)
            ) {
                continue;
            }
            const port =
                typeof l.port === "number" || typeof l.port === "string" ? ` (port ${l.port})` : "";
            const forward =
                l.defaultActions === undefined
                    ? "forwards to the default target group"
                    : "has a default action that does not redirect to HTTPS";
            reportViolation(
                `awsx.lb.ApplicationLoadBalancer "${args.name}" ${l.place}${port} speaks plaintext HTTP and ${forward}, so personal data crosses the network unencrypted; serve it from an HTTPS listener with a certificate and make any port-80 listener only redirect to HTTPS.`,
            );
        }
    }),
};
