import type { ResourceValidationPolicy } from "@pulumi/policy";
import { metadataOf } from "../../../../lib/k8s";
import { destinationTlsSettings, isDestinationRule, isInMeshHost } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "kubernetes-istio-destinationrule-enforce-mutual-tls";

const KNOWN_MODES = new Set(["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"]);

/**
 * A DestinationRule is where a client sidecar is told to speak plaintext (Article 32(1)(a)): no TLS
 * setting may be `DISABLE` (a `tls` block without a mode is DISABLE), and traffic to hosts inside
 * the mesh uses `ISTIO_MUTUAL` so both ends authenticate with mesh identities.
 */
export const enforceMutualTls: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Istio DestinationRules never disable TLS and use ISTIO_MUTUAL for hosts inside the mesh.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Remove `tls` blocks so auto-mTLS applies, or set `tls.mode: ISTIO_MUTUAL` for in-mesh hosts and `SIMPLE`/`MUTUAL` for external ones, at the traffic policy, per port and per subset.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!isDestinationRule(args.type)) {
            return;
        }
        const spec = asObject(args.props.spec);
        const metaName = metadataOf(args.props).name;
        const name = typeof metaName === "string" && metaName !== "" ? metaName : args.name;
        const host = typeof spec.host === "string" ? spec.host : undefined;
        const inMesh = host === undefined || isInMeshHost(host);
        const subject = `DestinationRule "${name}" for ${inMesh ? "in-mesh " : ""}host "${host ?? "(missing)"}"`;
        for (const s of destinationTlsSettings(spec)) {
            if (!KNOWN_MODES.has(s.mode)) {
                reportViolation(
                    `${subject} sets TLS mode "${s.mode}" in ${s.place}, which Istio does not recognise, so it should be "ISTIO_MUTUAL"; set a valid \`tls.mode\`.`,
                );
            } else if (s.mode === "DISABLE") {
                const fix = inMesh
                    ? '"ISTIO_MUTUAL" (or remove the `tls` block for auto-mTLS)'
                    : '"SIMPLE" or "MUTUAL"';
                reportViolation(
                    `${subject} sets TLS mode "DISABLE" in ${s.place}, so the sidecar would send personal data in plaintext; set \`tls.mode\` to ${fix}.`,
                );
            } else if (inMesh && s.mode !== "ISTIO_MUTUAL") {
                reportViolation(
                    `${subject} sets TLS mode "${s.mode}" in ${s.place}, which should be "ISTIO_MUTUAL" so both sidecars authenticate with mesh identities; set \`tls.mode: ISTIO_MUTUAL\` or remove the \`tls\` block for auto-mTLS.`,
                );
            }
        }
    },
};
