import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-index-token-disallow-iac-tokens";

/** Even a short-lived token minted by the program is a bearer credential written into the state. */
export const disallowIacTokens: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that the stack does not mint Vault tokens, whose values end up in the state.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("secrets", "gdpr-art-32"),
    remediationSteps:
        "Remove the `vault.Token`; let the workload authenticate to Vault with its own identity (Kubernetes, JWT/OIDC or AWS auth), as VaultWorkloadIdentity does.",
    url: ruleUrl(NAME),
    validateResource: ofType("vault:index/token:Token", (args, reportViolation) => {
        reportViolation(
            `Vault token "${args.name}" is minted by the stack, so its value is stored in the state; let the workload log in with its own identity (VaultWorkloadIdentity does) instead.`,
        );
    }),
};
