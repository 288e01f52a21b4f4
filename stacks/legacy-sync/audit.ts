import * as aws from "@pulumi/aws";
import * as vault from "@pulumi/vault";
import type { LegacyContext } from "./context";

/**
 * Offences of the `audit` family beyond the base script (see `index.ts`), whose queue carries no
 * ownership tags (`pulumi-stack-resource-enforce-ownership-labels`).
 */
export function addOffences(ctx: LegacyContext): void {
    // Vault auth for the sync, with no audit device anywhere in the stack
    // (vault-sys-audit-enable-audit-device).
    new vault.AuthBackend("kubernetes", { type: "kubernetes" });
    new vault.kubernetes.AuthBackendRole("crm-erp-sync", {
        backend: "kubernetes",
        roleName: "crm-erp-sync",
        boundServiceAccountNames: ["default"],
        boundServiceAccountNamespaces: [ctx.namespaceName],
        tokenPolicies: ["default"],
    });

    // A staging bucket that says who owns the data but not what it is (and has no KMS default
    // encryption: aws-s3-bucket-enable-kms-encryption).
    new aws.s3.Bucket("crm-staging", { tags: { "data-owner": "sales-operations" } });
}
