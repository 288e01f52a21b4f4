import type { ResourceValidationPolicy } from "@pulumi/policy";
import { metadataOf } from "../../../../lib/k8s";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "kubernetes-core-secret-disallow-literal-tls-data";

/** A TLS key pasted into the program: acceptable short-term, but cert-manager issues and rotates it. */
export const disallowLiteralTlsData: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that TLS Secrets are issued by cert-manager rather than written into the stack.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("secrets", "gdpr-art-32"),
    remediationSteps:
        "Replace the `kubernetes.io/tls` Secret with a cert-manager `Certificate` (or Vault's PKI engine), so the private key never enters the program and is rotated automatically.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (
            !/^kubernetes:core\/v1:Secret(Patch)?$/.test(args.type) ||
            args.props.type !== "kubernetes.io/tls"
        ) {
            return;
        }
        const name =
            typeof metadataOf(args.props).name === "string"
                ? metadataOf(args.props).name
                : args.name;
        const keys = new Set([
            ...Object.keys(asObject(args.props.data)),
            ...Object.keys(asObject(args.props.stringData)),
        ]);
        if (keys.has("tls.key")) {
            reportViolation(
                `TLS Secret "${name}" holds a literal private key in "tls.key"; issue the certificate with cert-manager (or Vault PKI) so the key never enters the program and rotates on its own.`,
            );
        }
    },
};
