// The CRM-to-ERP sync as the 2 a.m. script built it: a CronJob with the admin password in its env,
// plain-HTTP endpoints, an IAM user with a long-lived access key and a wildcard policy, and an
// unencrypted queue. Every family of the pack has something to say about it; each family's extra
// offences live in a file of its own next to this one.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { LegacyContext } from "./context";

const config = new pulumi.Config();
const namespaceName = "crm-sync";

const namespace = new k8s.core.v1.Namespace("crm-sync", {
    metadata: { name: namespaceName },
});

const user = new aws.iam.User("sync-bot", { name: "crm-erp-sync-bot" });
const accessKey = new aws.iam.AccessKey("sync-bot-key", { user: user.name });

new aws.iam.UserPolicy("sync-bot-everything", {
    user: user.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    }),
});

const queue = new aws.sqs.Queue("crm-events", { name: "crm-events" });

// Labelled as the sync job it is, so the stack rules that demand SecureSyncJob look at it.
const syncJob = { "gdpr-guard.io/sync-job": "true" };

new k8s.batch.v1.CronJob(
    "crm-erp-sync",
    {
        metadata: { namespace: namespaceName, labels: syncJob },
        spec: {
            schedule: "0 2 * * *",
            jobTemplate: {
                spec: {
                    template: {
                        metadata: { labels: syncJob },
                        spec: {
                            restartPolicy: "OnFailure",
                            containers: [
                                {
                                    name: "sync",
                                    image: "registry.example.com/crm-erp-sync:latest",
                                    env: [
                                        { name: "CRM_URL", value: config.require("crmUrl") },
                                        { name: "ERP_URL", value: config.require("erpUrl") },
                                        { name: "DB_PASSWORD", value: "Adm1n!CrmErp#2am" },
                                        { name: "AWS_ACCESS_KEY_ID", value: accessKey.id },
                                        { name: "AWS_SECRET_ACCESS_KEY", value: accessKey.secret },
                                        { name: "QUEUE_URL", value: queue.url },
                                    ],
                                },
                            ],
                        },
                    },
                },
            },
        },
    },
    { dependsOn: [namespace] },
);

const vpcId = "vpc-0a1b2c3d4e5f67890";
const lb = new aws.lb.LoadBalancer("sync-api", {
    internal: true,
    loadBalancerType: "application",
    subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
});
const targets = new aws.lb.TargetGroup("sync-api", { port: 8080, protocol: "HTTP", vpcId });
new aws.lb.Listener("sync-api-http", {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
});

const ctx: LegacyContext = { namespace, namespaceName, user, queue };

// Each family adds the offences it catches.
for (const family of [
    "transport",
    "secrets",
    "least-privilege",
    "encryption",
    "exposure",
    "recoverability",
    "audit",
]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(`./${family}`).addOffences(ctx);
}
