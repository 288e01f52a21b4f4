// Plaintext on every hop, the way the 2 a.m. script grew: a PERMISSIVE mesh policy and a
// DestinationRule that switches TLS off, a webhook that opts out of the sidecar and lets its database
// port bypass it, an Ingress without TLS, plaintext URLs in a ConfigMap, a queue policy and a topic
// that accept plain HTTP, an HTTPS listener on a TLS 1.0 policy, a cache and a database that
// accept plaintext clients, an http:// URL into a STRICT-mTLS namespace, a public MQ broker, Kafka,
// OpenSearch, API Gateway, CloudFront and EventBridge set up without TLS, a Classic Load Balancer
// on plain HTTP, a task definition that reaches its cache over redis://, a Redshift parameter
// group without require_ssl, bucket and topic policies without a TLS-only denial, and an explicit
// AWS provider on an http:// endpoint. (The base script already adds the namespace without
// injection, the CronJob's http:// env values, the forwarding HTTP listener and the http:// Vault
// address; the Kubernetes provider that skips TLS verification is in secrets.ts.)
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

    // The ERP team's gateway runs in its own namespace under STRICT mTLS; the script still calls it
    // with an http:// URL, so the data is plaintext inside both pods
    // (kubernetes-core-workload-disallow-in-mesh-plaintext-urls, advisory).
    const erpNamespace = new k8s.core.v1.Namespace("legacy-erp-gateway", {
        metadata: { name: "erp-gateway", labels: { "istio-injection": "enabled" } },
    });
    new k8s.apiextensions.CustomResource(
        "legacy-erp-gateway-strict",
        {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "erp-gateway" },
            spec: { mtls: { mode: "STRICT" } },
        },
        { dependsOn: [erpNamespace] },
    );
    new k8s.core.v1.ConfigMap(
        "legacy-erp-gateway-endpoints",
        {
            metadata: { name: "erp-gateway-endpoints", namespace: ns },
            data: { ERP_GATEWAY_URL: "http://odata.erp-gateway.svc.cluster.local:8080/odata" },
        },
        inNamespace,
    );

    // A broker "just for the webhook" that the vendor reaches over the internet, with a literal
    // password and the AWS-owned key (aws-mq-broker-disallow-public-access,
    // aws-mq-broker-disallow-literal-passwords, aws-mq-broker-enable-kms-encryption).
    new aws.mq.Broker("legacy-sync-broker", {
        brokerName: "crm-sync",
        engineType: "ActiveMQ",
        engineVersion: "5.18",
        hostInstanceType: "mq.t3.micro",
        publiclyAccessible: true,
        users: [{ username: "sync", password: "hunter2-FAKE-mq-0007" }],
    });

    // Kafka that lets clients produce in plaintext, on the AWS-managed key
    // (aws-msk-cluster-enforce-tls, aws-msk-cluster-enable-kms-encryption).
    new aws.msk.Cluster("legacy-crm-events", {
        clusterName: "crm-events",
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 2,
        brokerNodeGroupInfo: {
            instanceType: "kafka.t3.small",
            clientSubnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
            securityGroups: ["sg-0a1b2c3d4e5f67890"],
        },
        encryptionInfo: { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } },
    });

    // A search index of CRM contacts that answers plain HTTP and TLS 1.0, with plaintext between
    // nodes (aws-opensearch-domain-enforce-https).
    new aws.opensearch.Domain("legacy-crm-search", {
        domainName: "crm-search",
        engineVersion: "OpenSearch_2.13",
        clusterConfig: { instanceType: "t3.small.search", instanceCount: 1 },
        ebsOptions: { ebsEnabled: true, volumeSize: 10 },
        domainEndpointOptions: { enforceHttps: false },
    });

    // The sync API's custom domain, still on TLS 1.0 (aws-apigateway-domainname-enforce-tls-policy).
    new aws.apigateway.DomainName("legacy-sync-api", {
        domainName: "sync-api.example.com",
        regionalCertificateArn:
            "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000",
        endpointConfiguration: { types: "REGIONAL" },
        securityPolicy: "TLS_1_0",
    });

    // The nightly export served to the ERP vendor through a CDN: HTTP to viewers and to the origin,
    // on the default certificate (aws-cloudfront-distribution-enforce-https).
    new aws.cloudfront.Distribution("legacy-erp-exports", {
        enabled: true,
        comment: "CRM exports for the ERP vendor",
        origins: [
            {
                originId: "sync-api",
                domainName: "sync-api.internal.example.com",
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "http-only",
                    originSslProtocols: ["TLSv1", "TLSv1.2"],
                },
            },
        ],
        defaultCacheBehavior: {
            targetOriginId: "sync-api",
            viewerProtocolPolicy: "allow-all",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    });

    // CRM change events pushed to the ERP webhook over plain HTTP
    // (aws-cloudwatch-eventapidestination-disallow-plaintext-http).
    new aws.cloudwatch.EventApiDestination("legacy-erp-webhook", {
        name: "erp-webhook",
        connectionArn:
            "arn:aws:events:eu-west-1:111122223333:connection/erp-webhook/00000000-0000-0000-0000-000000000000",
        invocationEndpoint: "http://erp.internal.example.com/hooks/crm-events",
        httpMethod: "POST",
    });

    // The warehouse the sync loads, on the default parameter group ("require_ssl" false), plus a
    // custom group that turns TLS off explicitly (aws-redshift-parametergroup-enforce-ssl-connections;
    // the cluster itself is in secrets.ts).
    new aws.redshift.ParameterGroup("legacy-erp-warehouse", {
        name: "erp-warehouse",
        family: "redshift-2.0",
        parameters: [{ name: "require_ssl", value: "false" }],
    });

    // Resource policies written without a TLS-only denial: the ERP team's hand-made export bucket,
    // and the change topic (aws-s3-bucketpolicy-enforce-secure-transport, advisory;
    // aws-sns-topicpolicy-enforce-secure-transport).
    new aws.s3.BucketPolicy("legacy-erp-exports", {
        bucket: "crm-erp-exports",
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: ctx.user.arn },
                    Action: ["s3:GetObject", "s3:PutObject"],
                    Resource: "arn:aws:s3:::crm-erp-exports/*",
                },
            ],
        }),
    });
    new aws.sns.TopicPolicy("legacy-crm-changes", {
        arn: topic.arn,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::444455556666:root" },
                    Action: ["sns:Subscribe", "sns:Receive"],
                    Resource: topic.arn,
                },
            ],
        }),
    });

    // An explicit AWS provider pointed at the on-premises S3-compatible store over plain HTTP with
    // TLS verification off (pulumi-providers-aws-disallow-insecure-endpoints).
    const onPremS3 = new aws.Provider("legacy-onprem-s3", {
        region: "eu-west-1",
        endpoints: [{ s3: "http://s3.onprem.example.com:9000" }],
        insecure: true,
        s3UsePathStyle: true,
        skipCredentialsValidation: true,
        skipRequestingAccountId: true,
    });
    new aws.s3.BucketObjectv2(
        "legacy-export-marker",
        { bucket: "crm-exports", key: "latest/READY", content: "ok" },
        { provider: onPremS3 },
    );

    // The old order-status page still sits on a Classic Load Balancer, plain HTTP on port 80
    // (aws-elb-loadbalancer-disallow-plaintext-listeners); and the ERP poller's task definition
    // reaches the order cache over plain redis:// (aws-ecs-taskdefinition-disallow-plaintext-urls).
    new aws.elb.LoadBalancer("legacy-order-status", {
        availabilityZones: ["eu-west-1a"],
        listeners: [
            { lbProtocol: "http", lbPort: 80, instanceProtocol: "http", instancePort: 8080 },
        ],
    });
    new aws.ecs.TaskDefinition("legacy-order-cache-reader", {
        family: "order-cache-reader",
        containerDefinitions: JSON.stringify([
            {
                name: "reader",
                image: "registry.example.com/order-cache-reader:1",
                environment: [
                    { name: "CACHE_URL", value: "redis://orders.cache.example.com:6379" },
                ],
            },
        ]),
    });
}
