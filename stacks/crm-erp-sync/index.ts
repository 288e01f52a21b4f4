// The same CRM-to-ERP sync done right: in a STRICT-mTLS mesh namespace, credentials rendered by the
// Vault agent from a short-lived Kubernetes-auth token, AWS access through an IRSA role scoped to
// the one queue it writes, and a KMS-encrypted queue with an encrypted dead-letter queue.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";

const config = new pulumi.Config();
const ns = "crm-sync";
const sa = "crm-erp-sync";
const owner = { "data-owner": "sales-operations", "data-category": "customer-contact" };

const namespace = new k8s.core.v1.Namespace("crm-sync", {
    metadata: { name: ns, labels: { "istio-injection": "enabled", ...owner } },
});

new k8s.apiextensions.CustomResource("crm-sync-strict-mtls", {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: "default", namespace: ns },
    spec: { mtls: { mode: "STRICT" } },
}, { dependsOn: [namespace] });

const key = new aws.kms.Key("crm-events", {
    description: "Encrypts the CRM-to-ERP sync queues",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    tags: owner,
});

const dlq = new aws.sqs.Queue("crm-events-dlq", {
    kmsMasterKeyId: key.arn,
    messageRetentionSeconds: 1209600,
    tags: owner,
});

const queue = new aws.sqs.Queue("crm-events", {
    kmsMasterKeyId: key.arn,
    messageRetentionSeconds: 345600,
    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
    tags: owner,
});

const trust = aws.iam.getPolicyDocumentOutput({
    statements: [
        {
            effect: "Allow",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: [config.require("clusterOidcProviderArn")] }],
            conditions: [
                {
                    test: "StringEquals",
                    variable: `${config.require("clusterOidcIssuer")}:sub`,
                    values: [`system:serviceaccount:${ns}:${sa}`],
                },
                {
                    test: "StringEquals",
                    variable: `${config.require("clusterOidcIssuer")}:aud`,
                    values: ["sts.amazonaws.com"],
                },
            ],
        },
    ],
});

const role = new aws.iam.Role("crm-erp-sync", {
    assumeRolePolicy: trust.json,
    maxSessionDuration: 3600,
    tags: owner,
});

new aws.iam.RolePolicy("crm-erp-sync-send", {
    role: role.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { effect: "Allow", actions: ["sqs:SendMessage", "sqs:GetQueueAttributes"], resources: [queue.arn] },
            { effect: "Allow", actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [key.arn] },
        ],
    }).json,
});

const serviceAccount = new k8s.core.v1.ServiceAccount("crm-erp-sync", {
    metadata: {
        name: sa,
        namespace: ns,
        annotations: { "eks.amazonaws.com/role-arn": role.arn },
        labels: owner,
    },
    automountServiceAccountToken: false,
}, { dependsOn: [namespace] });

new vault.Policy("crm-erp-sync", {
    name: "crm-erp-sync",
    policy: [
        'path "database/creds/crm-erp-sync" {',
        '  capabilities = ["read"]',
        "}",
    ].join("\n"),
});

new vault.kubernetes.AuthBackendRole("crm-erp-sync", {
    backend: "kubernetes",
    roleName: "crm-erp-sync",
    boundServiceAccountNames: [sa],
    boundServiceAccountNamespaces: [ns],
    tokenTtl: 900,
    tokenMaxTtl: 3600,
    tokenPolicies: ["crm-erp-sync"],
});

new vault.Audit("file", { type: "file", options: { file_path: "/vault/logs/audit.log" } });

new k8s.batch.v1.CronJob("crm-erp-sync", {
    metadata: { namespace: ns, labels: { "gdpr-guard.io/sync-job": "true", ...owner } },
    spec: {
        schedule: "0 2 * * *",
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 600,
        jobTemplate: {
            spec: {
                backoffLimit: 3,
                activeDeadlineSeconds: 3600,
                template: {
                    metadata: {
                        labels: { "gdpr-guard.io/sync-job": "true", ...owner },
                        annotations: {
                            "vault.hashicorp.com/agent-inject": "true",
                            "vault.hashicorp.com/role": "crm-erp-sync",
                            "vault.hashicorp.com/agent-inject-secret-db": "database/creds/crm-erp-sync",
                        },
                    },
                    spec: {
                        serviceAccountName: sa,
                        automountServiceAccountToken: true,
                        restartPolicy: "Never",
                        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [
                            {
                                name: "sync",
                                image: "registry.example.com/crm-erp-sync:1.4.2",
                                env: [
                                    { name: "CRM_URL", value: config.require("crmUrl") },
                                    { name: "ERP_URL", value: config.require("erpUrl") },
                                    { name: "DB_CREDENTIALS_FILE", value: "/vault/secrets/db" },
                                    { name: "QUEUE_URL", value: queue.url },
                                    { name: "BATCH_SIZE", value: "500" },
                                ],
                                securityContext: {
                                    allowPrivilegeEscalation: false,
                                    readOnlyRootFilesystem: true,
                                    capabilities: { drop: ["ALL"] },
                                },
                                resources: {
                                    limits: { cpu: "500m", memory: "256Mi" },
                                    requests: { cpu: "100m", memory: "128Mi" },
                                },
                            },
                        ],
                    },
                },
            },
        },
    },
}, { dependsOn: [serviceAccount] });
