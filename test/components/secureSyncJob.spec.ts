import { ACCOUNT, OIDC_ARN, failuresOf, find, mark, refusal, settle, since } from "./mocks";
import * as assert from "node:assert/strict";
import {
    EncryptedQueue,
    MeshNamespace,
    SecureSyncJob,
    type SecureSyncJobArgs,
} from "../../components";

const CRONJOB = "kubernetes:batch/v1:CronJob";

function args(over: Partial<SecureSyncJobArgs> = {}): SecureSyncJobArgs {
    return {
        dataOwner: "sales-operations",
        dataCategory: "customer-contact",
        schedule: "0 2 * * *",
        image: "registry.example.com/crm-erp-sync:1.4.2",
        ...over,
    };
}

function podSpec(cron: Record<string, any>) {
    return cron.spec.jobTemplate.spec.template;
}

describe("SecureSyncJob", () => {
    it("builds a locked-down, bounded CronJob in a new Istio mesh namespace with its own service account", async () => {
        const m = mark();
        const job = new SecureSyncJob(
            "crm-sync",
            args({ env: { LOG_LEVEL: "info" }, chunkSize: 250 }),
        );
        await job.envScan;
        // The CronJob registers once the asynchronous secret scan is done.
        await settle();
        assert.equal(job.meshNamespace.mesh, "istio");
        assert.equal(job.meshNamespace.namespaceName, "crm-sync");
        const ns = find(m, "kubernetes:core/v1:Namespace", "crm-sync-ns-namespace").inputs;
        assert.deepEqual(ns.metadata.labels, {
            "data-owner": "sales-operations",
            "data-category": "customer-contact",
            "istio-injection": "enabled",
        });
        const sa = find(m, "kubernetes:core/v1:ServiceAccount", "crm-sync-sa").inputs;
        assert.deepEqual(sa, {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: {
                name: "crm-sync",
                namespace: "crm-sync",
                labels: { "data-owner": "sales-operations", "data-category": "customer-contact" },
                annotations: {},
            },
            automountServiceAccountToken: false,
        });
        const cron = find(m, CRONJOB, "crm-sync-cronjob").inputs;
        const labels = {
            "gdpr-guard.io/sync-job": "true",
            "app.kubernetes.io/name": "crm-sync",
            "data-owner": "sales-operations",
            "data-category": "customer-contact",
        };
        assert.deepEqual(cron.metadata, { name: "crm-sync", namespace: "crm-sync", labels });
        assert.equal(cron.spec.concurrencyPolicy, "Forbid");
        assert.equal(cron.spec.startingDeadlineSeconds, 600);
        assert.equal(cron.spec.jobTemplate.spec.backoffLimit, 3);
        assert.equal(cron.spec.jobTemplate.spec.activeDeadlineSeconds, 3600);
        const tpl = podSpec(cron);
        assert.deepEqual(tpl.metadata, {
            labels,
            annotations: { "sidecar.istio.io/nativeSidecar": "true" },
        });
        assert.equal(tpl.spec.serviceAccountName, "crm-sync");
        assert.equal(tpl.spec.automountServiceAccountToken, false);
        assert.equal(tpl.spec.restartPolicy, "Never");
        assert.deepEqual(tpl.spec.securityContext, {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: "RuntimeDefault" },
        });
        const [c] = tpl.spec.containers;
        assert.deepEqual(c.securityContext, {
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(c.resources, {
            limits: { cpu: "500m", memory: "256Mi" },
            requests: { cpu: "500m", memory: "256Mi" },
        });
        assert.deepEqual(c.env, [
            { name: "LOG_LEVEL", value: "info" },
            { name: "SYNC_CHUNK_SIZE", value: "250" },
        ]);
        const np = find(
            m,
            "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            "crm-sync-netpol",
        ).inputs;
        assert.deepEqual(np.spec.policyTypes, ["Ingress", "Egress"]);
        assert.deepEqual(np.spec.ingress, []);
        assert.deepEqual(
            np.spec.egress.map((e: any) => e.ports),
            [
                [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
                [{ protocol: "TCP", port: 15012 }],
            ],
        );
    });

    it("renders Vault credentials to files through the agent and binds a Vault role to exactly its service account", async () => {
        const m = mark();
        const ns = new MeshNamespace("erp-ns", { mesh: "linkerd", namespaceName: "erp" });
        const job = new SecureSyncJob(
            "erp-sync",
            args({
                namespace: ns,
                vault: {
                    address: "https://vault.internal.example.com:8200",
                    cidrs: ["10.20.0.0/24"],
                    secrets: {
                        db: { path: "database/creds/erp-sync" },
                        api: { path: "secret/data/erp/api", template: "{{ .Data.data.token }}" },
                    },
                },
            }),
        );
        await job.envScan; // the CronJob registers once the secret scan is done
        await settle();
        const role = find(
            m,
            "vault:kubernetes/authBackendRole:AuthBackendRole",
            "erp-sync-vault-role",
        ).inputs;
        assert.deepEqual(
            [
                role.roleName,
                role.boundServiceAccountNames,
                role.boundServiceAccountNamespaces,
                role.tokenTtl,
                role.tokenMaxTtl,
                role.audience,
            ],
            ["erp-erp-sync", ["erp-sync"], ["erp"], 900, 3600, "vault"],
        );
        assert.equal(
            find(m, "vault:index/policy:Policy", "erp-sync-vault-policy").inputs.policy,
            'path "database/creds/erp-sync" {\n  capabilities = ["read"]\n}\n\npath "secret/data/erp/api" {\n  capabilities = ["read"]\n}',
        );
        const tpl = podSpec(find(m, CRONJOB, "erp-sync-cronjob").inputs);
        assert.deepEqual(tpl.metadata.annotations, {
            "vault.hashicorp.com/agent-inject": "true",
            "vault.hashicorp.com/role": "erp-erp-sync",
            "vault.hashicorp.com/service": "https://vault.internal.example.com:8200",
            "vault.hashicorp.com/auth-path": "auth/kubernetes",
            "vault.hashicorp.com/agent-service-account-token-volume-name": "vault-token",
            "vault.hashicorp.com/agent-revoke-on-shutdown": "true",
            "vault.hashicorp.com/secret-volume-path": "/vault/secrets",
            "vault.hashicorp.com/agent-inject-secret-db": "database/creds/erp-sync",
            "vault.hashicorp.com/agent-inject-secret-api": "secret/data/erp/api",
            "vault.hashicorp.com/agent-inject-template-api": "{{ .Data.data.token }}",
        });
        assert.deepEqual(tpl.spec.volumes[1], {
            name: "vault-token",
            projected: {
                sources: [
                    {
                        serviceAccountToken: {
                            path: "token",
                            audience: "vault",
                            expirationSeconds: 600,
                        },
                    },
                ],
            },
        });
        assert.ok(
            !JSON.stringify(tpl.spec.containers[0].env).includes("database/creds"),
            "no credential in env",
        );
        const egress = find(m, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "erp-sync-netpol")
            .inputs.spec.egress;
        assert.deepEqual(egress[1], {
            to: [
                {
                    namespaceSelector: {
                        matchLabels: { "kubernetes.io/metadata.name": "linkerd" },
                    },
                },
            ],
            ports: [8080, 8086, 8090].map((port) => ({ protocol: "TCP", port })),
        });
        assert.deepEqual(egress[2], {
            to: [{ ipBlock: { cidr: "10.20.0.0/24" } }],
            ports: [{ protocol: "TCP", port: 8200 }],
        });
    });

    it("gets AWS access from an IRSA role holding the exact queue actions, and the queue URLs as env", async () => {
        const m = mark();
        const out = new EncryptedQueue("out-q", { queueName: "out-q", accountId: ACCOUNT });
        const inq = new EncryptedQueue("in-q", { queueName: "in-q", accountId: ACCOUNT });
        const job = new SecureSyncJob(
            "aws-sync",
            args({
                aws: { oidcProviderArn: OIDC_ARN, endpointCidrs: ["10.0.128.0/24"] },
                produces: { crmEvents: out },
                consumes: { erpOrders: inq },
                endpoints: {
                    crm: { url: "https://crm.internal.example.com/api", cidrs: ["10.30.0.0/16"] },
                },
            }),
        );
        await job.envScan; // the CronJob registers once the secret scan is done
        await settle();
        const sa = find(m, "kubernetes:core/v1:ServiceAccount", "aws-sync-sa").inputs;
        assert.deepEqual(sa.metadata.annotations, {
            "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT}:role/aws-sync-role-role`,
        });
        const trust = JSON.parse(
            find(m, "aws:iam/role:Role", "aws-sync-role-role").inputs.assumeRolePolicy,
        );
        assert.equal(
            Object.values(trust.Statement[0].Condition.StringEquals)[0],
            "system:serviceaccount:aws-sync:aws-sync",
        );
        const policy = JSON.parse(
            find(m, "aws:iam/rolePolicy:RolePolicy", "aws-sync-role-policy").inputs.policy,
        );
        const q = (n: string) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:${n}`;
        assert.deepEqual(
            policy.Statement.map((s: any) => [s.Action, s.Resource]),
            [
                [["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], [q("out-q")]],
                [
                    [
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes",
                        "sqs:GetQueueUrl",
                    ],
                    [q("in-q"), q("in-q-dlq")],
                ],
            ],
        );
        const env = podSpec(find(m, CRONJOB, "aws-sync-cronjob").inputs).spec.containers[0].env;
        assert.deepEqual(env, [
            { name: "CRM_URL", value: "https://crm.internal.example.com/api" },
            {
                name: "CRM_EVENTS_QUEUE_URL",
                value: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/out-q`,
            },
            {
                name: "ERP_ORDERS_QUEUE_URL",
                value: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/in-q`,
            },
            {
                name: "ERP_ORDERS_DLQ_URL",
                value: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/in-q-dlq`,
            },
            { name: "SYNC_CHUNK_SIZE", value: "500" },
        ]);
        assert.ok(!env.some((e: any) => /^AWS_/.test(e.name)), "no AWS credentials in env");
        const egress = find(m, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "aws-sync-netpol")
            .inputs.spec.egress;
        assert.deepEqual(egress.slice(2), [
            {
                to: [{ ipBlock: { cidr: "10.30.0.0/16" } }],
                ports: [{ protocol: "TCP", port: 443 }],
            },
            {
                to: [{ ipBlock: { cidr: "10.0.128.0/24" } }],
                ports: [{ protocol: "TCP", port: 443 }],
            },
        ]);
    });

    describe("refuses", () => {
        const queue = () =>
            new EncryptedQueue(`rq-${Math.random().toString(36).slice(2, 8)}`, {
                accountId: ACCOUNT,
            });
        const cases: [string, () => Partial<SecureSyncJobArgs>, string][] = [
            [
                "a literal password in env",
                () => ({ env: { DB_PASSWORD: "Adm1n!CrmErp#2am" } }),
                'argument `env["DB_PASSWORD"]` would put a credential in the pod spec, readable by anyone who can read the job; put it in Vault and render it with `vault.secrets` to /vault/secrets/<name>.',
            ],
            [
                "AWS keys in env",
                () => ({ env: { AWS_ACCESS_KEY_ID: "x" } }),
                'argument `env["AWS_ACCESS_KEY_ID"]` would put a credential in the pod spec, readable by anyone who can read the job; put it in Vault and render it with `vault.secrets` to /vault/secrets/<name>.',
            ],
            [
                "an http:// URL in env",
                () => ({ env: { CRM_URL: "http://crm.internal.example.com/api" } }),
                'argument `env["CRM_URL"]` holds the plaintext URL "http://crm.internal.example.com/api"; use its https form.',
            ],
            [
                "an http:// endpoint",
                () => ({
                    endpoints: { crm: { url: "http://crm.example.com", cidrs: ["10.0.0.0/8"] } },
                }),
                'argument `endpoints["crm"].url` is "http://crm.example.com", not an https:// URL, so the traffic would cross the network in plaintext; use the service\'s https:// address.',
            ],
            [
                "credentials in an endpoint URL",
                () => ({
                    endpoints: {
                        crm: {
                            url: "https://bot:s3cr3t@crm.example.com/api",
                            cidrs: ["10.0.0.0/8"],
                        },
                    },
                }),
                'argument `endpoints["crm"].url` is "https://***@crm.example.com/api", which carries credentials in the URL; drop the user and password from the URL and render them from Vault instead.',
            ],
            [
                "an endpoint open to the whole internet",
                () => ({
                    endpoints: { crm: { url: "https://crm.example.com", cidrs: ["0.0.0.0/0"] } },
                }),
                'argument `endpoints["crm"].cidrs[0]` is "0.0.0.0/0", which is not one network\'s CIDR; give the endpoint\'s own address range.',
            ],
            [
                "an endpoint without a network location",
                () => ({ endpoints: { crm: { url: "https://crm.example.com" } } }),
                'argument `endpoints["crm"]` needs exactly one of `cidrs` or `namespace`; say where the endpoint lives so egress can be limited to it.',
            ],
            [
                "a plaintext Vault address",
                () => ({ vault: { address: "http://vault:8200", namespace: "vault" } }),
                'argument `vault.address` is "http://vault:8200", not an https:// URL, so the traffic would cross the network in plaintext; use the service\'s https:// address.',
            ],
            [
                "a Vault token TTL above the maximum",
                () => ({
                    vault: {
                        address: "https://vault:8200",
                        namespace: "vault",
                        secrets: { db: { path: "database/creds/x" } },
                        tokenTtlSeconds: 86400,
                    },
                }),
                "__vault__",
            ],
            [
                "a namespace outside the mesh",
                () => ({ namespace: { namespaceName: "plain" } as any }),
                "argument `namespace` is not a MeshNamespace, so the job would run outside the mesh's mutual TLS; pass a MeshNamespace, or leave it out to create one.",
            ],
            [
                "a mesh it does not know",
                () => ({ mesh: "none" as any }),
                'argument `mesh` is "none", so the job would run outside the mesh; use "istio" or "linkerd".',
            ],
            [
                "unbounded retries",
                () => ({ backoffLimit: 100 }),
                "argument `backoffLimit` is 100, outside 0..6 (retries must end); use a whole number from 0 to 6 or leave it out for 3.",
            ],
            [
                "running as root",
                () => ({ runAsUser: 0 }),
                "argument `runAsUser` is 0, outside 1..2147483647 (0 is root); use a whole number from 1 to 2147483647 or leave it out for 65532.",
            ],
            [
                "missing ownership labels",
                () => ({ dataOwner: undefined as any }),
                'argument `dataOwner` is missing, so the records of processing (Article 30) cannot name who owns this data; give a label-safe name such as "sales-operations".',
            ],
            [
                "queues without IRSA",
                () => ({ produces: { q: queue() } }),
                "argument `aws` is missing while the job uses queues or AWS grants; give `aws.oidcProviderArn` so the job gets an IRSA role instead of keys.",
            ],
            [
                "a queue that is not an EncryptedQueue",
                () => ({
                    aws: { oidcProviderArn: OIDC_ARN, endpointCidrs: ["10.0.0.0/24"] },
                    produces: { q: {} as any },
                }),
                'argument `queues["q"]` is not an EncryptedQueue, so it may hold personal data unencrypted; build the queue with EncryptedQueue.',
            ],
            [
                "a wildcard AWS grant",
                () => ({
                    aws: {
                        oidcProviderArn: OIDC_ARN,
                        endpointCidrs: ["10.0.0.0/24"],
                        grants: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::b/*"] }],
                    },
                }),
                "__lpr__",
            ],
            [
                "a schedule that is not cron",
                () => ({ schedule: "every night" }),
                'argument `schedule` is "every night", not a cron schedule; use five cron fields, e.g. "0 2 * * *".',
            ],
        ];
        for (const [what, change, message] of cases) {
            it(`${what}, before creating anything`, async () => {
                const c = change();
                await settle();
                const m = mark();
                const got = refusal(() => new SecureSyncJob("bad", args(c)));
                if (message === "__vault__") {
                    assert.equal(
                        got,
                        'VaultWorkloadIdentity "bad-vault": argument `tokenTtlSeconds` is 86400, outside 60..3600 (a longer-lived token outlives the job and widens a leak); use a whole number from 60 to 3600 or leave it out for 900.',
                    );
                } else if (message === "__lpr__") {
                    assert.equal(
                        got,
                        'LeastPrivilegeRole "bad-role": argument `grants[0].actions` holds the wildcard action "s3:*", which grants every present and future action it matches; list the exact actions the workload calls.',
                    );
                } else {
                    assert.equal(got, `SecureSyncJob "bad": ${message}`);
                }
                await settle();
                if (!message.startsWith("__")) {
                    assert.deepEqual(since(m), []);
                }
            });
        }

        it("an env value the asynchronous secret detector flags, failing the program before the CronJob registers", async () => {
            const m = mark();
            let job: SecureSyncJob | undefined;
            const failures = await failuresOf(() => {
                job = new SecureSyncJob(
                    "leaky",
                    args({ env: { UPSTREAM: "AKIAIOSFODNN7EXAMPLF" } }),
                );
            });
            const scan = await job!.envScan.then(
                () => "cleared",
                (e: Error) => e.message,
            );
            assert.ok(
                scan.endsWith(
                    'SecureSyncJob "leaky": argument `env["UPSTREAM"]` holds a value the secret detector flags (detector "aws-access-key"); put the secret in Vault and render it with `vault.secrets` to /vault/secrets/<name> instead of an env value.',
                ),
                scan,
            );
            assert.ok(
                failures.length > 0 &&
                    failures.every((f) =>
                        f.includes(
                            'argument `env["UPSTREAM"]` holds a value the secret detector flags',
                        ),
                    ),
                failures.join("\n"),
            );
            assert.ok(
                failures.every((f) => !f.includes("AKIAIOSFODNN7EXAMPLF")),
                "never echoes the value",
            );
            assert.ok(!since(m).some((r) => r.type === CRONJOB));
        });
    });
});
