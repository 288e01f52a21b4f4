// VaultWorkloadIdentity alone, with dynamic database and AWS credentials: must pass the whole pack.
import * as vault from "@pulumi/vault";
import { VaultWorkloadIdentity } from "../../../../components";

new vault.Audit("file", { type: "file", options: { file_path: "/vault/logs/audit.log" } });
new VaultWorkloadIdentity("crm-sync", {
    namespace: "crm",
    serviceAccount: "crm-sync",
    paths: [{ path: "secret/data/crm-sync/api" }],
    databaseCredentials: [
        {
            backend: "database",
            dbName: "crm",
            creationStatements: [
                "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
            ],
        },
    ],
    awsCredentials: [{ backend: "aws", roleArns: ["arn:aws:iam::111122223333:role/crm-sync"] }],
});
