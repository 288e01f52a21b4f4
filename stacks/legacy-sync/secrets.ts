// Static secrets the way the 2 a.m. script keeps them: in Kubernetes Secrets and ConfigMaps, in a
// Lambda's environment, in a boot script, in SSM, in a hand-written Secrets Manager version, in
// Vault itself (written from the program), plus a console password and Vault roles and tokens that
// never expire. Every value is obviously fake (FAKE, EXAMPLE, hunter2…) yet detected.
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
}
