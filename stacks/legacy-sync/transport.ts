// Plaintext on every hop, the way the 2 a.m. script grew: a PERMISSIVE mesh policy and a
// DestinationRule that switches TLS off, a webhook that opts out of the sidecar and lets its database
// port bypass it, an Ingress without TLS, plaintext URLs in a ConfigMap, a queue policy and a topic
// that accept plain HTTP, an HTTPS listener on a TLS 1.0 policy, and a cache and a database that
// accept plaintext clients. (The base script already adds the namespace without injection, the
// CronJob's http:// env values, the forwarding HTTP listener and the http:// Vault address.)
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { LegacyContext } from "./context";

/** Offences of the `transport` family beyond the base script (see `index.ts`). */
export function addOffences(ctx: LegacyContext): void {
    const ns = ctx.namespaceName;
    const inNamespace = { dependsOn: [ctx.namespace] };

    // The mesh: "PERMISSIVE while we migrate", since 2021; and plaintext to the CRM API's database port.
    new k8s.apiextensions.CustomResource(
        "legacy-permissive-mtls",
        {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: ns },
            spec: { mtls: { mode: "PERMISSIVE" }, portLevelMtls: { "5432": { mode: "DISABLE" } } },
        },
        inNamespace,
    );
    new k8s.apiextensions.CustomResource(
        "legacy-crm-api-plaintext",
        {
            apiVersion: "networking.istio.io/v1",
            kind: "DestinationRule",
            metadata: { name: "crm-api", namespace: ns },
            spec: {
                host: `crm-api.${ns}.svc.cluster.local`,
                trafficPolicy: { tls: { mode: "DISABLE" } },
            },
        },
        inNamespace,
    );

    // A webhook receiver that opts out of the sidecar and lets Postgres traffic bypass it.
    const labels = { app: "crm-webhook" };
    new k8s.apps.v1.Deployment(
        "legacy-crm-webhook",
        {
            metadata: { name: "crm-webhook", namespace: ns },
            spec: {
                selector: { matchLabels: labels },
                template: {
                    metadata: {
                        labels,
                        annotations: {
                            "sidecar.istio.io/inject": "false",
                            "traffic.sidecar.istio.io/excludeOutboundPorts": "5432",
                        },
                    },
                    spec: {
                        containers: [
                            {
                                name: "webhook",
                                image: "registry.example.com/crm-webhook:latest",
                                env: [
                                    {
                                        name: "BROKER_URL",
                                        value: "amqp://mq.internal.example.com:5672/sync",
                                    },
                                    {
                                        name: "CRM_API_URL",
                                        value: `http://crm-api.${ns}.svc.cluster.local:8080`,
                                    },
                                ],
                            },
                        ],
                    },
                },
            },
        },
        inNamespace,
    );

    new k8s.networking.v1.Ingress(
        "legacy-crm-webhook",
        {
            metadata: { name: "crm-webhook", namespace: ns },
            spec: {
                rules: [
                    {
                        host: "crm-webhook.example.com",
                        http: {
                            paths: [
                                {
                                    path: "/",
                                    pathType: "Prefix",
                                    backend: {
                                        service: { name: "crm-webhook", port: { number: 8080 } },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        },
        inNamespace,
    );

    new k8s.core.v1.ConfigMap(
        "legacy-sync-endpoints",
        {
            metadata: { name: "sync-endpoints", namespace: ns },
            data: {
                "endpoints.yaml":
                    "cache: redis://cache.internal.example.com:6379/0\ndirectory: ldap://dir.internal.example.com:389\n",
            },
        },
        inNamespace,
    );

    // AWS: a queue policy and a topic that accept plaintext, and an HTTP webhook subscription.
    new aws.sqs.QueuePolicy("legacy-crm-events-policy", {
        queueUrl: ctx.queue.url,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: ctx.user.arn },
                    Action: "sqs:*",
                    Resource: ctx.queue.arn,
                },
            ],
        }),
    });
    const topic = new aws.sns.Topic("legacy-crm-changes", { name: "crm-changes" });
    new aws.sns.TopicSubscription("legacy-erp-webhook", {
        topic: topic.arn,
        protocol: "http",
        endpoint: "http://erp.internal.example.com/hooks/crm",
    });

    // An HTTPS listener still on the 2016 policy (TLS 1.0), in front of a plaintext target group.
    new aws.lb.Listener("legacy-sync-api-https", {
        loadBalancerArn:
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/sync-api/0123456789abcdef",
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-2016-08",
        certificateArn:
            "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000",
        defaultActions: [
            {
                type: "fixed-response",
                fixedResponse: { contentType: "text/plain", statusCode: "404" },
            },
        ],
    });

    // A cache and a database that accept plaintext clients.
    new aws.elasticache.ReplicationGroup("legacy-sync-cache", {
        description: "CRM lookups cached by the sync",
        engine: "redis",
        nodeType: "cache.t4g.micro",
        numCacheClusters: 1,
        transitEncryptionEnabled: false,
    });
    const params = new aws.rds.ParameterGroup("legacy-staging-db", {
        name: "legacy-staging-db",
        family: "postgres16",
        parameters: [{ name: "log_connections", value: "1" }],
    });
    new aws.rds.Instance("legacy-staging-db", {
        engine: "postgres",
        engineVersion: "16.4",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        username: "sync",
        manageMasterUserPassword: true,
        parameterGroupName: params.name,
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
}
