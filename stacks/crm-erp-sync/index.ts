// The same CRM-to-ERP sync done right, built from the gdpr-guard components: a STRICT-mTLS Istio
// namespace, credentials rendered by the Vault agent from a short-lived Kubernetes-auth token, AWS
// access through an IRSA role holding only the queue actions it needs, and a KMS-encrypted queue
// with an encrypted dead-letter queue. It must pass the whole pack with zero violations.
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import { EncryptedQueue, MeshNamespace, SecureSyncJob } from "../../components";

const config = new pulumi.Config();
const vaultConfig = new pulumi.Config("vault");
const owner = { dataOwner: "sales-operations", dataCategory: "customer-contact" };
const labels = { "data-owner": owner.dataOwner, "data-category": owner.dataCategory };

const oidcProviderArn = config.require("clusterOidcProviderArn");
const accountId = oidcProviderArn.split(":")[4];

// Where the sync's peers live on the network (egress is limited to these).
const network = {
    crm: ["10.30.0.0/16"],
    erp: ["10.40.0.0/16"],
    vault: ["10.20.0.0/24"],
    awsEndpoints: ["10.0.128.0/24"],
};

// Vault records every request of the sync's identity.
new vault.Audit("file", { type: "file", options: { file_path: "/vault/logs/audit.log" } });

const namespace = new MeshNamespace("crm-sync", { mesh: "istio", labels });

const crmEvents = new EncryptedQueue("crm-events", {
    queueName: "crm-events",
    accountId,
    tags: labels,
});

new SecureSyncJob("crm-erp-sync", {
    ...owner,
    namespace,
    schedule: "0 2 * * *",
    image: "registry.example.com/crm-erp-sync:1.4.2",
    endpoints: {
        crm: { url: config.require("crmUrl"), cidrs: network.crm },
        erp: { url: config.require("erpUrl"), cidrs: network.erp },
    },
    vault: {
        address: vaultConfig.require("address"),
        cidrs: network.vault,
        secrets: { db: { path: "database/creds/crm-erp-sync" } },
    },
    aws: { oidcProviderArn, endpointCidrs: network.awsEndpoints },
    produces: { crmEvents },
    chunkSize: 500,
});
