// Grants the way the 2 a.m. script hands them out: a role anyone can assume with admin attached,
// escalation and wildcard-resource grants, a queue anyone can write to, cluster-admin for every
// authenticated user, a sync Job on the default service account, and a Vault policy over
// everything handed out together with `root`. Each block names the rules it exhibits.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as vault from "@pulumi/vault";
import type { LegacyContext } from "./context";

const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const OIDC_PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;

/** Offences of the `least-privilege` family beyond the base script (see `index.ts`). */
export function addOffences(ctx: LegacyContext): void {
    const ns = ctx.namespaceName;

    // aws-iam-role-disallow-public-trust, aws-iam-role-enforce-account-trust-conditions (advisory),
    // aws-iam-role-configure-max-session-duration, aws-iam-attachment-disallow-broad-managed-policies,
    // aws-iam-policy-disallow-wildcard-actions (inline Allow with NotAction).
    const runner = new aws.iam.Role("legacy-sync-runner", {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Anyone",
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { AWS: "*" },
                },
                {
                    Sid: "Partner",
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Principal: { AWS: "arn:aws:iam::444455556666:root" },
                },
            ],
        }),
        maxSessionDuration: 43200,
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        inlinePolicies: [
            {
                name: "all-but-iam",
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
                }),
            },
        ],
    });

    // aws-iam-policy-disallow-privilege-escalation, aws-iam-policy-disallow-wildcard-resources,
    // aws-iam-policy-disallow-wildcard-actions (a mixed-case service wildcard).
    new aws.iam.RolePolicy("legacy-sync-runner-ops", {
        role: runner.id,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "PassAnything",
                    Effect: "Allow",
                    Action: ["iam:PassRole", "sts:AssumeRole"],
                    Resource: "*",
                },
                {
                    Sid: "ReadAllBuckets",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "S3:List*"],
                    Resource: "*",
                },
                {
                    Sid: "AllQueues",
                    Effect: "Allow",
                    Action: "SQS:*",
                    Resource: "arn:aws:sqs:eu-west-1:111122223333:crm-events",
                },
            ],
        }),
    });

    // aws-iam-role-enforce-irsa-conditions: any service account of the namespace, any audience.
    new aws.iam.Role("legacy-sync-irsa", {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Principal: { Federated: OIDC_PROVIDER },
                    Condition: {
                        StringLike: { [`${ISSUER}:sub`]: `system:serviceaccount:${ns}:*` },
                    },
                },
            ],
        }),
    });

    // aws-iam-user-disallow-user-policies (advisory) and a broad managed policy on the bot user.
    new aws.iam.UserPolicyAttachment("sync-bot-power-user", {
        user: ctx.user.name,
        policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
    });

    // aws-iam-resourcepolicy-disallow-public-principals: anyone may send to the queue.
    new aws.sqs.QueuePolicy("crm-events-public", {
        queueUrl: ctx.queue.url,
        policy: ctx.queue.arn.apply((arn) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AnyoneSends",
                        Effect: "Allow",
                        Principal: "*",
                        Action: "sqs:SendMessage",
                        Resource: arn,
                    },
                ],
            }),
        ),
    });

    // kubernetes-rbac-role-disallow-wildcard-rules, kubernetes-rbac-clusterrole-disallow-secret-reads,
    // kubernetes-rbac-role-disallow-escalation-verbs.
    new k8s.rbac.v1.ClusterRole("legacy-sync-everything", {
        metadata: { name: "legacy-sync-everything" },
        rules: [
            { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
            { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] },
            { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
        ],
    });

    // kubernetes-rbac-binding-disallow-broad-bindings: cluster-admin for every authenticated user.
    new k8s.rbac.v1.ClusterRoleBinding("legacy-sync-admin", {
        metadata: { name: "legacy-sync-admin" },
        roleRef: {
            apiGroup: "rbac.authorization.k8s.io",
            kind: "ClusterRole",
            name: "cluster-admin",
        },
        subjects: [
            { kind: "ServiceAccount", name: "default", namespace: ns },
            { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:authenticated" },
        ],
    });

    // kubernetes-batch-syncjob-configure-service-account: a labelled sync Job on the default
    // service account with an API token it never uses.
    new k8s.batch.v1.Job(
        "legacy-backfill",
        {
            metadata: { namespace: ns, labels: { "gdpr-guard.io/sync-job": "true" } },
            spec: {
                template: {
                    metadata: { labels: { "gdpr-guard.io/sync-job": "true" } },
                    spec: {
                        restartPolicy: "Never",
                        containers: [
                            {
                                name: "backfill",
                                image: "registry.example.com/crm-erp-sync:latest",
                                args: ["--backfill"],
                            },
                        ],
                    },
                },
            },
        },
        { dependsOn: [ctx.namespace] },
    );

    // vault-sys-policy-disallow-broad-grants, vault-sys-policy-disallow-tenant-wildcards (advisory).
    new vault.Policy("legacy-sync-admin", {
        name: "legacy-sync-admin",
        policy: [
            'path "*" {',
            '  capabilities = ["create", "read", "update", "delete", "list", "sudo"]',
            "}",
            'path "sys/auth/*" {',
            '  capabilities = ["create", "update"]',
            "}",
            'path "secret/data/+/crm" {',
            '  capabilities = ["read"]',
            "}",
        ].join("\n"),
    });

    // vault-auth-role-disallow-privileged-policies: root, and the policy above.
    new vault.kubernetes.AuthBackendRole("legacy-sync", {
        backend: "kubernetes",
        roleName: "legacy-sync",
        boundServiceAccountNames: ["default"],
        boundServiceAccountNamespaces: [ns],
        tokenPolicies: ["root", "legacy-sync-admin"],
    });

    // The operators' IAM Identity Center permission set: AdministratorAccess, and an inline policy
    // allowing everything (aws-iam-attachment-disallow-broad-managed-policies,
    // aws-iam-policy-disallow-wildcard-actions).
    const operators = new aws.ssoadmin.PermissionSet("legacy-sync-operators", {
        instanceArn: "arn:aws:sso:::instance/ssoins-0123456789abcdef",
        name: "LegacySyncOperators",
    });
    new aws.ssoadmin.ManagedPolicyAttachment("legacy-sync-operators-admin", {
        instanceArn: operators.instanceArn,
        permissionSetArn: operators.arn,
        managedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    new aws.ssoadmin.PermissionSetInlinePolicy("legacy-sync-operators-inline", {
        instanceArn: operators.instanceArn,
        permissionSetArn: operators.arn,
        inlinePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }],
        }),
    });
}
