import type { StackValidationPolicy } from "@pulumi/policy";
import {
    isPeerAuthentication,
    type MeshScopeConfig,
    readPeerAuthentication,
    strictMtlsIndexFor,
} from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";
import { meshScopeProperties } from "../../../../lib/sharedConfig";

const NAME = "kubernetes-istio-peerauthentication-enforce-strict-mtls";

/** Policy config of {@link enforceStrictMtls}. */
export type EnforceStrictMtlsConfig = MeshScopeConfig;

/**
 * "Internal does not mean trusted" (Article 32(1)(a)): every Istio PeerAuthentication of the stack
 * refuses plaintext. PERMISSIVE and DISABLE are rejected at the policy and per port; UNSET passes
 * only when a STRICT parent (namespace-wide or mesh-wide policy) in the stack covers it.
 */
export const enforceStrictMtls: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that Istio PeerAuthentication policies enforce STRICT mutual TLS, including per-port overrides.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set `spec.mtls.mode: STRICT` on every PeerAuthentication and remove PERMISSIVE/DISABLE `portLevelMtls` overrides, or create the namespace with the `MeshNamespace` component, which adds a STRICT policy.",
    url: ruleUrl(NAME),
    configSchema: { properties: { ...meshScopeProperties } },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<EnforceStrictMtlsConfig>();
        const policies = args.resources.filter((r) => isPeerAuthentication(r.type));
        if (policies.length === 0) {
            return;
        }
        const index = strictMtlsIndexFor(policies, config);
        const fix = "set `spec.mtls.mode: STRICT` (MeshNamespace does)";
        for (const r of policies) {
            const pa = readPeerAuthentication(r.props, r.name);
            const subject = `PeerAuthentication "${pa.name}" in namespace "${pa.namespace}"`;
            if (pa.mode === "UNSET") {
                // A namespace's effective mode already falls back to its namespace-wide, then the
                // mesh-wide policy; this policy's own UNSET adds nothing to that chain.
                if (!index.isStrict(pa.namespace)) {
                    reportViolation(
                        `${subject} leaves the mTLS mode UNSET and no STRICT parent policy in the stack covers it, so it should set "STRICT" instead of inheriting PERMISSIVE; ${fix}.`,
                        r.urn,
                    );
                }
            } else if (pa.mode !== "STRICT") {
                reportViolation(
                    `${subject} sets mTLS mode "${pa.mode}", which should be "STRICT" so plaintext connections to workloads handling personal data are refused; ${fix}.`,
                    r.urn,
                );
            }
            for (const p of pa.portModes) {
                if (p.mode !== "STRICT" && p.mode !== "UNSET") {
                    reportViolation(
                        `${subject} sets mTLS mode "${p.mode}" for port "${p.port}" in \`portLevelMtls\`, which should be "STRICT" so that port does not accept plaintext; set it to STRICT or remove the override.`,
                        r.urn,
                    );
                }
            }
        }
    },
};
