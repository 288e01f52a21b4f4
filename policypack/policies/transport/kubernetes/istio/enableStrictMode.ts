import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    isPeerAuthentication,
    readPeerAuthentication,
    type PeerAuthenticationView,
} from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "kubernetes-istio-peerauthentication-enable-strict-mode";

/**
 * Reads a PeerAuthentication through the shared reader, but only the fields this rule needs
 * (`metadata`, `spec.mtls`, `spec.portLevelMtls`), so a selector that is unknown during preview
 * does not stop it.
 */
function modes(props: Record<string, any>, name: string): PeerAuthenticationView {
    const spec = asObject(props.spec);
    return readPeerAuthentication(
        {
            metadata: props.metadata,
            spec: { mtls: spec.mtls, portLevelMtls: spec.portLevelMtls },
        },
        name,
    );
}

/**
 * PERMISSIVE is the migration mode that accepts plaintext next to mTLS, and "while we migrate" tends
 * to last (Article 32(1)(a)). This is the remediation companion of
 * `kubernetes-istio-peerauthentication-enforce-strict-mtls`, which stays the mandatory verdict: it
 * reports the same PERMISSIVE modes, advisory by default so nothing is reported twice, and at level
 * `remediate` sets them to STRICT. DISABLE is a deliberate choice someone must review, and UNSET
 * depends on the parent policies; both are left to the stack rule.
 */
export const enableStrictMode: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Istio PeerAuthentication policies are not in PERMISSIVE mode, including per-port overrides.",
    enforcementLevel: "advisory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set `spec.mtls.mode: STRICT` and every PERMISSIVE `portLevelMtls` entry to STRICT once the clients run a sidecar, or enable this rule at level `remediate` to do it at the next `pulumi up`; the stack rule kubernetes-istio-peerauthentication-enforce-strict-mtls keeps rejecting DISABLE and uncovered UNSET modes.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (!isPeerAuthentication(args.type)) {
            return;
        }
        const pa = modes(args.props, args.name);
        const subject = `PeerAuthentication "${pa.name}" in namespace "${pa.namespace}"`;
        if (pa.mode === "PERMISSIVE") {
            reportViolation(
                `${subject} sets mTLS mode "PERMISSIVE", which should be "STRICT" so plaintext connections to workloads handling personal data are refused; set \`spec.mtls.mode: STRICT\` (this rule does at level \`remediate\`).`,
            );
        }
        for (const p of pa.portModes) {
            if (p.mode === "PERMISSIVE") {
                reportViolation(
                    `${subject} sets mTLS mode "PERMISSIVE" for port "${p.port}" in \`portLevelMtls\`, which should be "STRICT" so that port does not accept plaintext; set it to STRICT (this rule does at level \`remediate\`).`,
                );
            }
        }
    },
    // Only PERMISSIVE becomes STRICT: DISABLE and UNSET are left as written. Writes through the
    // props proxy and reads nothing but the modes, so unknown values elsewhere are not read.
    remediateResource: (args) => {
        if (!isPeerAuthentication(args.type)) {
            return undefined;
        }
        const spec = args.props.spec;
        if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
            return undefined;
        }
        const pa = modes({ spec }, args.name);
        const ports = pa.portModes.filter((p) => p.mode === "PERMISSIVE");
        if (pa.mode !== "PERMISSIVE" && ports.length === 0) {
            return undefined;
        }
        if (pa.mode === "PERMISSIVE") {
            spec.mtls.mode = "STRICT";
        }
        for (const p of ports) {
            spec.portLevelMtls[p.port].mode = "STRICT";
        }
        return args.props;
    },
};
