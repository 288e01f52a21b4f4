// All components together: a producer and a consumer sync job sharing an encrypted queue.
import * as vault from "@pulumi/vault";
import { EncryptedQueue, MeshNamespace, SecureSyncJob } from "../../../../components";

const owner = { dataOwner: "sales-operations", dataCategory: "customer-contact" };
const labels = { "data-owner": owner.dataOwner, "data-category": owner.dataCategory };
const oidcProviderArn =
    "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const aws = { oidcProviderArn, endpointCidrs: ["10.0.128.0/24"] };

new vault.Audit("file", { type: "file", options: { file_path: "/vault/logs/audit.log" } });
const ns = new MeshNamespace("crm-sync", { mesh: "istio", labels });
const events = new EncryptedQueue("crm-events", { accountId: "111122223333", tags: labels });

new SecureSyncJob("crm-export", {
    ...owner,
    namespace: ns,
    schedule: "0 2 * * *",
    image: "registry.example.com/crm-export:1.4.2",
    endpoints: { crm: { url: "https://crm.internal.example.com/api", cidrs: ["10.30.0.0/16"] } },
    vault: {
        address: "https://vault.internal.example.com:8200",
        cidrs: ["10.20.0.0/24"],
        secrets: { crm: { path: "secret/data/crm-export/api" } },
    },
    aws,
    produces: { crmEvents: events },
    env: { LOG_LEVEL: "info" },
});
new SecureSyncJob("erp-import", {
    ...owner,
    mesh: "linkerd",
    schedule: "30 2 * * *",
    image: "registry.example.com/erp-import:2.0.1",
    endpoints: { erp: { url: "https://erp.internal.example.com/odata", cidrs: ["10.40.0.0/16"] } },
    vault: {
        address: "https://vault.internal.example.com:8200",
        cidrs: ["10.20.0.0/24"],
        databaseCredentials: [
            {
                backend: "database",
                dbName: "erp",
                creationStatements: [
                    "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
                ],
            },
        ],
    },
    aws,
    consumes: { crmEvents: events },
    chunkSize: 200,
});
