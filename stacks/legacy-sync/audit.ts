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

    // The staging bucket and the CRM copy (encryption.ts) keep no access trail either
    // (aws-s3-bucket-enable-access-logging, aws-rds-database-enable-log-exports); nor do the cluster
    // the script runs on, the load balancer and the API that take CRM webhooks
    // (aws-eks-cluster-enable-audit-logs, aws-lb-loadbalancer-enable-access-logs,
    // aws-apigateway-stage-enable-access-logs).
    new aws.eks.Cluster("legacy-jobs", {
        roleArn: "arn:aws:iam::111122223333:role/legacy-eks",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"] },
        enabledClusterLogTypes: ["api"],
    });
    new aws.lb.LoadBalancer("crm-webhooks", {
        loadBalancerType: "application",
        subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
        accessLogs: { bucket: "crm-lb-logs" },
    });
    const webhooks = new aws.apigatewayv2.Api("crm-webhooks", { protocolType: "HTTP" });
    new aws.apigatewayv2.Stage("crm-webhooks", {
        apiId: webhooks.id,
        name: "prod",
        autoDeploy: true,
    });
}
