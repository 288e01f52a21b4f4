import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray } from "../../../../lib/read";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-kubernetes-authbackendrole-enforce-explicit-bindings";

/** A role bound to `*` hands the sync's Vault credentials to any pod in the cluster. */
export const enforceExplicitBindings: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Vault Kubernetes auth roles bind explicit service-account names and namespaces.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "List the exact service account(s) in `boundServiceAccountNames` and namespace(s) in `boundServiceAccountNamespaces` (VaultWorkloadIdentity does); never `*`.",
    url: ruleUrl(NAME),
    validateResource: ofType(
        "vault:kubernetes/authBackendRole:AuthBackendRole",
        (args, reportViolation) => {
            const role = typeof args.props.roleName === "string" ? args.props.roleName : args.name;
            const bindings: [string, string][] = [
                ["boundServiceAccountNames", "service-account names"],
                ["boundServiceAccountNamespaces", "namespaces"],
            ];
            for (const [field, what] of bindings) {
                const raw = args.props[field];
                const values = asArray(raw).filter((v) => typeof v === "string" && v.trim() !== "");
                if (
                    field === "boundServiceAccountNamespaces" &&
                    values.length === 0 &&
                    args.props.boundServiceAccountNamespaceSelector
                ) {
                    reportViolation(
                        `Kubernetes auth role "${role}" binds namespaces by selector instead of by name; list the exact namespaces in \`boundServiceAccountNamespaces\` (VaultWorkloadIdentity does).`,
                    );
                    continue;
                }
                if (values.length === 0) {
                    reportViolation(
                        `Kubernetes auth role "${role}" binds no ${what} in \`${field}\`; list the exact ${what} the sync runs as (VaultWorkloadIdentity does).`,
                    );
                    continue;
                }
                for (const v of values) {
                    if (v.includes("*")) {
                        reportViolation(
                            `Kubernetes auth role "${role}" binds "${v}" in \`${field}\`, which matches ${what} beyond the sync's; list the exact ${what} instead (VaultWorkloadIdentity does).`,
                        );
                    }
                }
            }
        },
    ),
};
