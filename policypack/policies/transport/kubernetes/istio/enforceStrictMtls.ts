import type { StackValidationPolicy } from "@pulumi/policy";
import {
    DEFAULT_ROOT_NAMESPACE,
    isPeerAuthentication,
    readPeerAuthentication,
    strictMtlsIndex,
} from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "kubernetes-istio-peerauthentication-enforce-strict-mtls";

/** Policy config of {@link enforceStrictMtls}. */
export interface EnforceStrictMtlsConfig {
    /** The Istio root namespace, where a PeerAuthentication without a selector is mesh-wide. */
    rootNamespace?: string;
    /** Treat the mesh-wide mode as STRICT when no mesh-wide policy is in the stack (managed elsewhere). */
    assumeMeshStrict?: boolean;
}

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
    configSchema: {
        properties: {
            rootNamespace: {
                type: "string",
                default: DEFAULT_ROOT_NAMESPACE,
                description:
                    "The Istio root namespace: a PeerAuthentication there without a selector is mesh-wide.",
            },
            assumeMeshStrict: {
                type: "boolean",
                default: false,
                description:
                    "Treat the mesh-wide mTLS mode as STRICT when it is managed outside the stack.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<EnforceStrictMtlsConfig>();
        const root =
            typeof config.rootNamespace === "string"
                ? config.rootNamespace
                : DEFAULT_ROOT_NAMESPACE;
        const assume = config.assumeMeshStrict === true;
        const policies = args.resources.filter((r) => isPeerAuthentication(r.type));
        if (policies.length === 0) {
            return;
        }
        const index = strictMtlsIndex(policies, root, assume);
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
