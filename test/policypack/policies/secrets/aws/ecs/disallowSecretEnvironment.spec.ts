import * as assert from "node:assert/strict";
import { disallowSecretEnvironment } from "../../../../../../policypack/policies/secrets/aws/ecs/disallowSecretEnvironment";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:ecs/taskDefinition:TaskDefinition";
const container = {
    name: "sync",
    image: "registry.example.com/crm-erp-sync:1.4.2",
    environment: [{ name: "BATCH_SIZE", value: "500" }],
    secrets: [
        {
            name: "DB_PASSWORD",
            valueFrom: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:crm-db-AbCdEf",
        },
    ],
};

describe("aws-ecs-taskdefinition-disallow-secret-environment", () => {
    const check = (containerDefinitions: any) =>
        checkResource(disallowSecretEnvironment, {
            type: TYPE,
            name: "crm-sync",
            props: { family: "crm-sync", containerDefinitions },
        });

    it("accepts secrets referenced through the `secrets` list", async () => {
        assert.deepEqual((await check(JSON.stringify([container]))).violations, []);
    });

    it("rejects a literal password in `environment`, parsing the JSON string", async () => {
        const defs = [
            {
                ...container,
                environment: [...container.environment, { name: "DB_PASSWORD", value: "hunter22" }],
            },
        ];
        const out = await check(JSON.stringify(defs));
        assert.deepEqual(out.violations, [
            'ECS task definition "crm-sync" container "sync" environment "DB_PASSWORD" holds a literal secret (detector "secret-like-key"); reference it from the container\'s `secrets` (Secrets Manager or SSM SecureString) instead.',
        ]);
    });

    it("reads container definitions given as a list as well", async () => {
        const out = await check([
            {
                ...container,
                environment: [{ name: "X", value: "AKIAIOSFODNN7EXAMPLE" }],
            },
        ]);
        assert.equal(out.violations.length, 1);
    });

    it("reports container definitions it cannot parse instead of passing them", async () => {
        assert.deepEqual((await check("[{")).violations, [
            'ECS task definition "crm-sync" has `containerDefinitions` that are not valid JSON, so their environment cannot be checked for secrets; fix the JSON.',
        ]);
        assert.equal((await check('{"a":1}')).violations.length, 1);
    });

    it("leaves definitions that are unknown during preview to the framework", async () => {
        const out = await check(unknown.string);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on wrongly typed entries", async () => {
        assert.deepEqual(
            (await check(JSON.stringify([null, { environment: [1, { name: 2, value: 3 }] }])))
                .violations,
            [],
        );
    });

    describe("awsx ECS components (their inputs)", () => {
        const component = (type: string, props: Record<string, any>) =>
            checkResource(disallowSecretEnvironment, { type, name: "web", props });
        const redis = { name: "REDIS_PWD", value: "s3cr3t-Redis-pw" };

        it("rejects a secret in a FargateService's `containers` map, naming the component and the container", async () => {
            const out = await component("awsx:ecs:FargateService", {
                taskDefinitionArgs: {
                    containers: { app: { ...container, name: undefined, environment: [redis] } },
                },
            });
            assert.deepEqual(
                out.violations.map((v) => v.split(" holds")[0]),
                ['awsx.ecs.FargateService "web" container "app" environment "REDIS_PWD"'],
            );
        });

        it("rejects a secret in an EC2Service's single `container` and a FargateTaskDefinition's", async () => {
            for (const [type, props] of [
                [
                    "awsx:ecs:EC2Service",
                    { taskDefinitionArgs: { container: { ...container, environment: [redis] } } },
                ],
                [
                    "awsx:ecs:FargateTaskDefinition",
                    { container: { ...container, environment: [redis] } },
                ],
            ] as const) {
                const out = await component(type, props);
                assert.equal(out.violations.length, 1, type);
                assert.match(
                    out.violations[0],
                    /container "sync" environment "REDIS_PWD" holds a literal secret/,
                );
                assert.doesNotMatch(out.violations[0], /s3cr3t/);
            }
        });

        it("accepts a component whose secrets come through `secrets`, and one given a task definition ARN", async () => {
            assert.deepEqual(
                (await component("awsx:ecs:FargateService", { taskDefinitionArgs: { container } }))
                    .violations,
                [],
            );
            assert.deepEqual(
                (
                    await component("awsx:ecs:FargateService", {
                        taskDefinition: "arn:aws:ecs:eu-west-1:1:task-definition/web:3",
                    })
                ).violations,
                [],
            );
        });

        it("reads wrongly typed component inputs without throwing", async () => {
            assert.deepEqual(
                (
                    await component("awsx:ecs:FargateService", {
                        taskDefinitionArgs: { containers: ["x"], container: 3 },
                    })
                ).violations,
                [],
            );
        });
    });
});
