import * as assert from "node:assert/strict";
import { disallowEnvSecrets } from "../../../../../../policypack/policies/secrets/kubernetes/core/disallowEnvSecrets";
import { checkResource, unknown } from "../../../../harness";

const CRONJOB = "kubernetes:batch/v1:CronJob";

function cronJob(env: any[], initEnv: any[] = []) {
    return {
        metadata: { namespace: "crm-sync" },
        spec: {
            schedule: "0 2 * * *",
            jobTemplate: {
                spec: {
                    template: {
                        spec: {
                            initContainers: [
                                {
                                    name: "migrate",
                                    image: "registry.example.com/migrate:1.0.0",
                                    env: initEnv,
                                },
                            ],
                            containers: [
                                {
                                    name: "sync",
                                    image: "registry.example.com/crm-erp-sync:1.4.2",
                                    env,
                                },
                            ],
                        },
                    },
                },
            },
        },
    };
}

const compliantEnv = [
    { name: "CRM_URL", value: "https://crm.internal.example.com/api" },
    { name: "DB_CREDENTIALS_FILE", value: "/vault/secrets/db" },
    {
        name: "QUEUE_URL",
        value: "https://sqs.eu-west-1.amazonaws.com/111122223333/crm-events",
    },
    { name: "BATCH_SIZE", value: "500" },
    {
        name: "API_TOKEN",
        valueFrom: { secretKeyRef: { name: "crm-api", key: "token" } },
    },
];
const msg = (container: string, env: string, detector: string, kind = "CronJob") =>
    `${kind} "crm-erp-sync" ${container} env "${env}" holds a literal secret (detector "${detector}"); mount it from Vault (SecureSyncJob does) instead of an env value.`;

describe("kubernetes-core-container-disallow-env-secrets", () => {
    const check = (props: Record<string, any>, type = CRONJOB, config = {}) =>
        checkResource(disallowEnvSecrets, { type, name: "crm-erp-sync", props }, config);

    it("accepts env with URLs, Vault file paths, numbers and secretKeyRef references", async () => {
        assert.deepEqual((await check(cronJob(compliantEnv))).violations, []);
    });

    it("rejects a literal password in a CronJob's jobTemplate container", async () => {
        const out = await check(
            cronJob([...compliantEnv, { name: "DB_PASSWORD", value: "Adm1n!CrmErp#2am" }]),
        );
        assert.deepEqual(out.violations, [
            msg('container "sync"', "DB_PASSWORD", "secret-like-key"),
        ]);
    });

    it("accepts the same variable when it points at a Vault-rendered file", async () => {
        const out = await check(
            cronJob([...compliantEnv, { name: "DB_PASSWORD", value: "/vault/secrets/db" }]),
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects a known-format secret under a neutral name in an init container", async () => {
        const out = await check(
            cronJob(compliantEnv, [{ name: "SETUP", value: "AKIAIOSFODNN7EXAMPLE" }]),
        );
        assert.deepEqual(out.violations, [
            msg('init container "migrate"', "SETUP", "aws-access-key"),
        ]);
    });

    it("rejects a connection string with a password and accepts one without", async () => {
        const bad = await check(
            cronJob([
                {
                    name: "DATABASE_URL",
                    value: "postgres://sync:Sup3rS3cret@db:5432/crm",
                },
            ]),
        );
        assert.deepEqual(bad.violations, [
            msg('container "sync"', "DATABASE_URL", "database-connection-string"),
        ]);
        const good = await check(
            cronJob([{ name: "DATABASE_URL", value: "postgres://sync@db:5432/crm" }]),
        );
        assert.deepEqual(good.violations, []);
    });

    it("leaves high-entropy values under neutral names to advisory checks", async () => {
        const out = await check(
            cronJob([
                {
                    name: "SYNC_CONFIG",
                    value: "DL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJ",
                },
            ]),
        );
        assert.deepEqual(out.violations, []);
    });

    it("checks every pod-bearing kind, such as a Deployment", async () => {
        const props = {
            spec: {
                template: {
                    spec: {
                        containers: [
                            {
                                name: "api",
                                env: [{ name: "API_KEY", value: "abc123def456" }],
                            },
                        ],
                    },
                },
            },
        };
        const out = await check(props, "kubernetes:apps/v1:Deployment");
        assert.deepEqual(out.violations, [
            msg('container "api"', "API_KEY", "secret-like-key", "Deployment"),
        ]);
    });

    it("skips env names the config allows", async () => {
        const out = await check(cronJob([{ name: "API_KEY", value: "abc123def456" }]), CRONJOB, {
            allowedEnvNames: ["API_KEY"],
        });
        assert.deepEqual(out.violations, []);
    });

    it("never puts the secret in the message", async () => {
        const out = await check(cronJob([{ name: "DB_PASSWORD", value: "Adm1n!CrmErp#2am" }]));
        assert.ok(!out.violations.join().includes("Adm1n"));
    });

    it("leaves an env value that is unknown during preview to the framework", async () => {
        const out = await check(cronJob([{ name: "DB_PASSWORD", value: unknown.string }]));
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /value/);
    });

    it("does not throw on wrongly typed env entries", async () => {
        const out = await check(
            cronJob([null, 3, { name: 5, value: 7 }, { value: { a: 1 } }] as any[]),
        );
        assert.deepEqual(out.violations, []);
        const broken = await check({ spec: { jobTemplate: "x" } });
        assert.deepEqual(broken.violations, []);
    });

    it("ignores resources that carry no pod", async () => {
        assert.deepEqual(
            (await check({ data: { password: "x" } }, "kubernetes:core/v1:ConfigMap")).violations,
            [],
        );
    });
});
