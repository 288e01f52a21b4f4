import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isInternetCidr } from "../../../../lib/exposure";
import { metadataOf } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject, stringMap } from "../../../../lib/read";
import { ofType } from "../../../../lib/ofType";

const NAME = "kubernetes-core-service-disallow-plaintext-services";

export interface DisallowPlaintextServicesConfig {
    plaintextPorts?: number[];
}

/** Annotations that put a LoadBalancer Service behind an internal (VPC-only) load balancer. */
const INTERNAL_LB: Record<string, RegExp> = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": /^(true|0\.0\.0\.0\/0)$/i,
    "service.beta.kubernetes.io/aws-load-balancer-scheme": /^internal$/i,
    "service.beta.kubernetes.io/azure-load-balancer-internal": /^true$/i,
    "networking.gke.io/load-balancer-type": /^internal$/i,
    "cloud.google.com/load-balancer-type": /^internal$/i,
};

const SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
const SSL_PORTS = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports";

/** True when the AWS load balancer terminates TLS on this port: a certificate, and `ssl-ports` unset, `*`, or naming it. */
function awsTerminatesTls(annotations: Record<string, string>, port: Record<string, any>): boolean {
    if (!annotations[SSL_CERT]?.trim()) {
        return false;
    }
    const listed = annotations[SSL_PORTS];
    if (listed === undefined || listed.trim() === "*") {
        return true;
    }
    const names = listed.split(",").map((p) => p.trim());
    return (
        names.includes(String(port.port)) ||
        (typeof port.name === "string" && names.includes(port.name))
    );
}

/** Why a Service port reads as plaintext HTTP, or undefined. */
function plaintextReason(port: Record<string, any>, plaintextPorts: number[]): string | undefined {
    const name = typeof port.name === "string" ? port.name.toLowerCase() : "";
    const appProtocol = typeof port.appProtocol === "string" ? port.appProtocol.toLowerCase() : "";
    if (appProtocol === "http" || appProtocol === "kubernetes.io/h2c") {
        return `appProtocol "${port.appProtocol}"`;
    }
    if (/^(https|tls|grpcs|wss)\b/.test(name) || appProtocol === "https") {
        return undefined;
    }
    if (name === "http" || name.startsWith("http-")) {
        return `named "${port.name}"`;
    }
    const target = typeof port.targetPort === "string" ? port.targetPort.toLowerCase() : "";
    if (name === "" && (target === "http" || target.startsWith("http-"))) {
        return `forwarding to the container port named "${port.targetPort}"`;
    }
    return typeof port.port === "number" && plaintextPorts.includes(port.port)
        ? "a plaintext HTTP port"
        : undefined;
}

/**
 * A `LoadBalancer` or `NodePort` Service puts its ports on an address outside the cluster. When a
 * port speaks plain HTTP (port 80, 8080, a port or container port named `http`), a login page or API behind it sends
 * passwords and personal data across the internet unencrypted and to anyone who asks
 * (Articles 25(2) and 32(1)(a)) — a Jenkins login on port 80 is the classic. TLS terminated by the
 * load balancer (`aws-load-balancer-ssl-cert`), an internal load balancer, or
 * `loadBalancerSourceRanges` narrower than the internet are compliant.
 */
export const disallowPlaintextServices: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that LoadBalancer and NodePort Services do not expose plaintext HTTP ports outside the cluster.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Make the Service `ClusterIP` and publish it through an Ingress with `tls`, or terminate TLS on the load balancer (`service.beta.kubernetes.io/aws-load-balancer-ssl-cert` with the port in `aws-load-balancer-ssl-ports`) and expose 443, or make the load balancer internal.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            plaintextPorts: {
                type: "array",
                items: { type: "integer", minimum: 1, maximum: 65535 },
                default: [80, 8000, 8080, 8081, 8888, 3000, 5000, 9000],
                description:
                    "Service ports read as plaintext HTTP unless the port is named or annotated as TLS; ports named http or http-* and appProtocol http count too.",
            },
        },
    },
    validateResource: ofType("kubernetes:core/v1:Service", (args, reportViolation) => {
        const spec = asObject(args.props.spec);
        const kind = spec.type;
        if (kind !== "LoadBalancer" && kind !== "NodePort") {
            return;
        }
        const metadata = metadataOf(args.props);
        const annotations = stringMap(metadata.annotations);
        if (
            kind === "LoadBalancer" &&
            Object.entries(INTERNAL_LB).some(([k, re]) => re.test(annotations[k]?.trim() ?? ""))
        ) {
            return;
        }
        const ranges = asArray(spec.loadBalancerSourceRanges).filter((r) => typeof r === "string");
        if (kind === "LoadBalancer" && ranges.length > 0 && !ranges.some(isInternetCidr)) {
            return;
        }
        const name = typeof metadata.name === "string" ? metadata.name : args.name;
        const plaintextPorts =
            args.getConfig<DisallowPlaintextServicesConfig>().plaintextPorts ?? [];
        asArray(spec.ports).forEach((p, i) => {
            const port = asObject(p);
            const reason = plaintextReason(port, plaintextPorts);
            if (!reason || (kind === "LoadBalancer" && awsTerminatesTls(annotations, port))) {
                return;
            }
            const where = `port ${typeof port.port === "number" ? port.port : `#${i}`}${typeof port.name === "string" ? ` ("${port.name}")` : ""}`;
            reportViolation(
                `Service "${name}" of type ${kind} exposes ${where}, ${reason}, outside the cluster without TLS, so logins and personal data cross the network in plaintext to anyone who can reach it; publish it through an Ingress with \`tls\` or terminate TLS on the load balancer and expose 443.`,
            );
        });
    }),
};
