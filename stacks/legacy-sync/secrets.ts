// Static secrets the way the 2 a.m. script keeps them: in Kubernetes Secrets and ConfigMaps, in a
// Lambda's environment, in a boot script, in SSM, in a hand-written Secrets Manager version, in
// Vault itself (written from the program), plus a console password, Vault roles and tokens that
// never expire, an AppRole with unlimited secret ids, literal passwords in DocumentDB, Redis,
// ECS, CodeBuild, Redshift and Glue, and a Kubernetes provider with a bearer token in its kubeconfig.
// Every value is obviously fake (FAKE, EXAMPLE, hunter2…) yet detected.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as vault from "@pulumi/vault";
import type { LegacyContext } from "./context";

/** Offences of the `secrets` family beyond the base script (see `index.ts`). */
export function addOffences(ctx: LegacyContext): void {
    const ns = ctx.namespaceName;

    // Kubernetes: a Secret with literal data, a ConfigMap with a password, a hand-made TLS key.
    new k8s.core.v1.Secret(
        "legacy-crm-db-credentials",
        {
            metadata: { name: "crm-db-credentials", namespace: ns },
            stringData: { username: "sync", password: "hunter2-FAKE-legacy" },
        },
        { dependsOn: [ctx.namespace] },
    );
    new k8s.core.v1.ConfigMap(
        "legacy-sync-config",
        {
            metadata: { name: "sync-config", namespace: ns },
            data: {
                "application.properties":
                    "crm.url=http://crm.internal.example.com/api\nerp.api_key=FAKE-erp-key-0001\n",
            },
        },
        { dependsOn: [ctx.namespace] },
    );
    new k8s.core.v1.Secret(
        "legacy-sync-tls",
        {
            metadata: { name: "sync-tls", namespace: ns },
            type: "kubernetes.io/tls",
            stringData: {
                "tls.crt": "-----BEGIN CERTIFICATE-----\nFAKE\n-----END CERTIFICATE-----",
                "tls.key": "-----BEGIN PRIVATE KEY-----\nFAKEFAKEFAKE\n-----END PRIVATE KEY-----",
            },
        },
        { dependsOn: [ctx.namespace] },
    );

    // AWS: a console password for the bot, secrets in Lambda env, user data, SSM and Secrets Manager.
    new aws.iam.UserLoginProfile("sync-bot-console", { user: ctx.user.name });
    new aws.lambda.Function("legacy-crm-webhook", {
        role: "arn:aws:iam::111122223333:role/legacy-lambda",
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: "UEsDBAoAAAAAAFAKE",
        environment: {
            variables: {
                CRM_API_KEY: "FAKE-crm-api-key-0002",
                QUEUE_URL: ctx.queue.url,
            },
        },
    } as aws.lambda.FunctionArgs);
    new aws.ec2.LaunchTemplate("legacy-sync-host", {
        imageId: "ami-0a1b2c3d4e5f67890",
        instanceType: "t3.micro",
        userData: Buffer.from(
            "#!/bin/bash\nexport DB_PASSWORD='hunter2-FAKE-boot'\n/opt/sync/run\n",
        ).toString("base64"),
    });
    new aws.ssm.Parameter("legacy-db-password", {
        name: "/crm-sync/db/password",
        type: "String",
        value: "hunter2-FAKE-ssm",
    });
    const erpSecret = new aws.secretsmanager.Secret("legacy-erp-api", {
        name: "crm-sync/erp-api",
    });
    new aws.secretsmanager.SecretVersion("legacy-erp-api-v1", {
        secretId: erpSecret.id,
        secretString: JSON.stringify({ apiKey: "FAKE-erp-api-key-0003" }),
    });
    new aws.rds.Instance("legacy-crm-db", {
        engine: "postgres",
        instanceClass: "db.t3.micro",
        allocatedStorage: 20,
        username: "crm_admin",
        password: "hunter2-FAKE-rds",
        skipFinalSnapshot: true,
    });

    // Vault: a static secret written from the program, roles and tokens that never expire.
    new vault.kv.SecretV2("legacy-erp-token", {
        mount: "secret",
        name: "crm-sync/erp",
        dataJson: JSON.stringify({ token: "FAKE-erp-token-0004" }),
    });
    new vault.kubernetes.AuthBackendRole("legacy-any-pod", {
        backend: "kubernetes",
        roleName: "crm-sync-any",
        boundServiceAccountNames: ["*"],
        boundServiceAccountNamespaces: ["*"],
        tokenTtl: 0,
        tokenPolicies: ["crm-sync"],
    });
    new vault.database.SecretBackendRole("legacy-db-role", {
        backend: "database",
        name: "crm-sync-forever",
        dbName: "crm",
        creationStatements: ["CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}';"],
    });
    new vault.aws.SecretBackendRole("legacy-aws-user", {
        backend: "aws",
        name: "crm-sync-user",
        credentialType: "iam_user",
        policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    });
    new vault.Token("legacy-sync-token", {
        policies: ["root"],
        noParent: true,
        period: "768h",
    });
    // An AppRole whose secret ids never expire and can be used without limit.
    new vault.approle.AuthBackendRole("legacy-sync-approle", {
        backend: "approle",
        roleName: "crm-sync-script",
        tokenPolicies: ["crm-sync"],
        secretIdTtl: 0,
        secretIdNumUses: 0,
    });

    // More AWS services set up with the password typed into the program: a document store, a
    // Redis AUTH token, an MQ-less ECS poller, a build that logs in to the registry, a warehouse.
    new aws.docdb.Cluster("legacy-crm-archive", {
        clusterIdentifier: "crm-archive",
        masterUsername: "crm_admin",
        masterPassword: "hunter2-FAKE-docdb",
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
    new aws.elasticache.ReplicationGroup("legacy-session-cache", {
        description: "ERP sessions shared by the sync workers",
        engine: "redis",
        nodeType: "cache.t4g.micro",
        numCacheClusters: 1,
        transitEncryptionEnabled: true,
        authToken: "hunter2-FAKE-redis-auth-0009",
    });
    new aws.ecs.TaskDefinition("legacy-erp-poller", {
        family: "erp-poller",
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        containerDefinitions: JSON.stringify([
            {
                name: "poller",
                image: "registry.example.com/crm-erp-sync:latest",
                essential: true,
                command: ["--poll-erp"],
                environment: [
                    { name: "ERP_URL", value: "https://erp.internal.example.com/odata" },
                    { name: "ERP_PASSWORD", value: "hunter2-FAKE-ecs" },
                ],
            },
        ]),
    });
    new aws.codebuild.Project("legacy-sync-image", {
        serviceRole: "arn:aws:iam::111122223333:role/legacy-codebuild",
        artifacts: { type: "NO_ARTIFACTS" },
        source: {
            type: "GITHUB",
            location: "https://github.com/example/crm-erp-sync.git",
        },
        environment: {
            computeType: "BUILD_GENERAL1_SMALL",
            image: "aws/codebuild/standard:7.0",
            type: "LINUX_CONTAINER",
            privilegedMode: true,
            environmentVariables: [
                { name: "REGISTRY_USER", value: "sync-ci" },
                { name: "REGISTRY_PASSWORD", value: "hunter2-FAKE-codebuild" },
            ],
        },
    });
    // The warehouse also sits on the default parameter group, where "require_ssl" is false
    // (aws-redshift-parametergroup-enforce-ssl-connections).
    new aws.redshift.Cluster("legacy-erp-warehouse", {
        clusterIdentifier: "erp-warehouse",
        nodeType: "ra3.xlplus",
        clusterType: "single-node",
        databaseName: "erp",
        masterUsername: "erp_admin",
        masterPassword: "Hunter2-FAKE-redshift",
        encrypted: "true",
        skipFinalSnapshot: true,
    });

    // The on-premises cluster, reached with a kubeconfig pasted into the program: an embedded
    // bearer token, and TLS verification switched off because the certificate "didn't match the
    // IP" (pulumi-providers-kubernetes-disallow-embedded-credentials,
    // pulumi-providers-kubernetes-disallow-insecure-clusters).
    const onPrem = new k8s.Provider("legacy-onprem", {
        kubeconfig: [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "  - name: onprem",
            "    cluster:",
            "      server: https://10.0.12.34:6443",
            "      insecure-skip-tls-verify: true",
            "users:",
            "  - name: sync-bot",
            "    user:",
            "      token: FAKE-onprem-bearer-token-0008",
            "contexts:",
            "  - name: onprem",
            "    context: { cluster: onprem, user: sync-bot, namespace: crm-sync }",
            "current-context: onprem",
        ].join("\n"),
    });
    // What it deploys there: a reconciler whose "session seed" is a random-looking literal under a
    // neutral name (kubernetes-core-container-disallow-high-entropy-env, advisory).
    new k8s.batch.v1.Job(
        "legacy-erp-reconcile",
        {
            metadata: { namespace: ns },
            spec: {
                backoffLimit: 2,
                activeDeadlineSeconds: 3600,
                template: {
                    spec: {
                        restartPolicy: "Never",
                        automountServiceAccountToken: false,
                        containers: [
                            {
                                name: "reconcile",
                                image: "registry.example.com/crm-erp-sync:latest",
                                args: ["--reconcile"],
                                env: [
                                    { name: "ERP_SESSION_SEED", value: "FAKEq7Zr2LpX9vNk4TsWb8Jm" },
                                ],
                            },
                        ],
                    },
                },
            },
        },
        { provider: onPrem },
    );

    // The Glue job that copies the CRM, connecting with the database password written in
    // (aws-glue-connection-disallow-literal-password).
    new aws.glue.Connection("legacy-crm-jdbc", {
        connectionProperties: {
            JDBC_CONNECTION_URL: "jdbc:mysql://crm-db.internal.example:3306/crm",
            USERNAME: "sync",
            PASSWORD: "Hunter2-FAKE-glue",
        },
    });
}
