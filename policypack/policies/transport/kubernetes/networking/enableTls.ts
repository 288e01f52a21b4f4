import type { ResourceValidationPolicy } from "@pulumi/policy";
import { metadataOf } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "kubernetes-networking-ingress-enable-tls";

const INGRESS = /^kubernetes:(networking\.k8s\.io\/v1(beta1)?|extensions\/v1beta1):Ingress$/;

/** True when TLS host `pattern` (possibly `*.example.com`) covers `host`. */
function covers(pattern: string, host: string): boolean {
    const p = pattern.toLowerCase();
    const h = host.toLowerCase();
    if (p.startsWith("*.")) {
        const rest = h.slice(h.indexOf(".") + 1);
        return h.includes(".") && rest === p.slice(2);
    }
    return p === h;
}

/**
 * Personal data reaching the cluster from outside crosses the Ingress (Article 32(1)(a)): every host
 * an Ingress routes has a `tls` entry, so the controller never serves it over plain HTTP.
 */
export const enableTls: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Kubernetes Ingresses terminate TLS for every host they route.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Add a `spec.tls` entry (with a certificate secret) whose `hosts` cover every host in `spec.rules`; for rules without a host, add a `tls` entry.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!INGRESS.test(args.type)) {
            return;
        }
        const spec = asObject(args.props.spec);
        const metaName = metadataOf(args.props).name;
        const name = typeof metaName === "string" && metaName !== "" ? metaName : args.name;
        const tlsEntries = asArray(spec.tls).map((t) => asObject(t));
        const tlsHosts = tlsEntries.flatMap((t) =>
            asArray(t.hosts).filter((h): h is string => typeof h === "string"),
        );
        const reported = new Set<string>();
        const routesAnyHost = spec.defaultBackend !== undefined || spec.backend !== undefined;
        asArray(spec.rules).forEach((r, i) => {
            const host = asObject(r).host;
            if (typeof host !== "string" || host === "") {
                if (tlsEntries.length === 0 && !reported.has("")) {
                    reported.add("");
                    reportViolation(
                        `Ingress "${name}" routes requests for any host (rule #${i} has no host) but has no \`tls\` entry, so it serves personal data over plain HTTP; it should terminate TLS: add a \`spec.tls\` entry.`,
                    );
                }
                return;
            }
            if (reported.has(host) || tlsHosts.some((p) => covers(p, host))) {
                return;
            }
            reported.add(host);
            reportViolation(
                `Ingress "${name}" routes host "${host}" (rule #${i}) without a \`tls\` entry covering it, so it serves personal data over plain HTTP; it should terminate TLS: add "${host}" to a \`spec.tls[].hosts\` list with its certificate secret.`,
            );
        });
        if (routesAnyHost && tlsEntries.length === 0 && !reported.has("")) {
            reportViolation(
                `Ingress "${name}" routes requests for any host through its default backend but has no \`tls\` entry, so it serves personal data over plain HTTP; it should terminate TLS: add a \`spec.tls\` entry.`,
            );
        }
    },
};
