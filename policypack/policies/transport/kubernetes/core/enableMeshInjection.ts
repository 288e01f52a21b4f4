import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isWorkload, metadataOf, workloadKind } from "../../../../lib/k8s";
import { isNamespace, namespaceInjection } from "../../../../lib/mesh";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "kubernetes-core-namespace-enable-mesh-injection";

/**
 * Mesh mTLS only protects pods that get a sidecar (Article 25(1)): every namespace the stack creates
 * and puts workloads in enables injection, via `istio-injection: enabled`, an `istio.io/rev` label,
 * or `linkerd.io/inject: enabled`.
 */
export const enableMeshInjection: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that namespaces created in the stack that hold workloads enable mesh sidecar injection.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Label the namespace `istio-injection: enabled` (or `istio.io/rev: <revision>`, or annotate it `linkerd.io/inject: enabled`), or create it with the `MeshNamespace` component.",
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        const byName = new Map<string, PolicyResource>();
        const byUrn = new Map<string, PolicyResource>();
        for (const r of args.resources) {
            if (isNamespace(r.type) && !r.type.endsWith("Patch")) {
                byUrn.set(r.urn, r);
                const n = metadataOf(r.props).name;
                byName.set(typeof n === "string" && n !== "" ? n : r.name, r);
            }
        }
        if (byUrn.size === 0) {
            return;
        }
        // Namespace URN → the workloads it holds, matched by `metadata.namespace` or by a dependency.
        const held = new Map<string, string[]>();
        for (const r of args.resources) {
            if (!isWorkload(r.type)) {
                continue;
            }
            const found = new Set<string>();
            const ns = metadataOf(r.props).namespace;
            if (typeof ns === "string" && byName.has(ns)) {
                found.add(byName.get(ns)!.urn);
            }
            const deps = [...(r.dependencies ?? []), ...(r.propertyDependencies?.metadata ?? [])];
            for (const d of deps) {
                if (d && byUrn.has(d.urn)) {
                    found.add(d.urn);
                }
            }
            for (const urn of found) {
                const list = held.get(urn) ?? [];
                list.push(`${workloadKind(r.type)} "${r.name}"`);
                held.set(urn, list);
            }
        }
        for (const [urn, workloads] of held) {
            const ns = byUrn.get(urn)!;
            const metadata = metadataOf(ns.props);
            const setting = namespaceInjection(metadata);
            if (setting === "enabled") {
                continue;
            }
            const n = metadata.name;
            const name = typeof n === "string" && n !== "" ? n : ns.name;
            const shown =
                workloads.slice(0, 3).join(", ") +
                (workloads.length > 3 ? ` and ${workloads.length - 3} more` : "");
            const what =
                setting === "disabled"
                    ? "disables mesh sidecar injection"
                    : "does not enable mesh sidecar injection";
            reportViolation(
                `Namespace "${name}" holds workloads (${shown}) but ${what}, so they run without mTLS; it should enable injection: label it "istio-injection: enabled" (MeshNamespace does).`,
                urn,
            );
        }
    },
};
