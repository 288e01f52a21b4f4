import * as assert from "node:assert/strict";
import { disallowPlaintextUrls } from "../../../../../../policypack/policies/transport/aws/ecs/disallowPlaintextUrls";
import { checkResource, unknown } from "../../../../harness";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const FARGATE = "awsx:ecs:FargateService";

const containers = (env: Record<string, string>) => [
    {
        name: "sync",
        image: "sync:1",
        environment: Object.entries(env).map(([name, value]) => ({ name, value })),
    },
];

async function check(type: string, props: Record<string, any>, config = {}) {
    return checkResource(disallowPlaintextUrls, { type, name: "sync", props }, config);
}

describe("aws-ecs-taskdefinition-disallow-plaintext-urls", () => {
    it("rejects a plaintext URL in a task definition, as a JSON string and as a list", async () => {
        const defs = containers({ CRM_URL: "http://crm.example.com/api" });
        const expected = [
            'ECS task definition "sync" container "sync" environment "CRM_URL" holds plaintext URL "http://crm.example.com/api", so personal data would cross the network unencrypted; it should use "https": point it at the TLS endpoint.',
        ];
        assert.deepEqual(
            (await check(TASK, { containerDefinitions: JSON.stringify(defs) })).violations,
            expected,
        );
        assert.deepEqual((await check(TASK, { containerDefinitions: defs })).violations, expected);
    });

    it("accepts TLS URLs, loopback and allowed hosts", async () => {
        const defs = containers({
            CRM_URL: "https://crm.example.com",
            CACHE: "rediss://cache.internal:6379",
            DB: "postgres://db.internal/crm?sslmode=verify-full",
            LOCAL: "http://localhost:9901",
            SIDECAR: "http://envoy.internal:8080",
        });
        const out = await check(
            TASK,
            { containerDefinitions: JSON.stringify(defs) },
            { allowedHosts: ["*.internal"] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("reads awsx FargateService containers, hiding the password of a redis URL", async () => {
        const out = await check(FARGATE, {
            taskDefinitionArgs: {
                containers: {
                    web: {
                        image: "web:1",
                        environment: [
                            { name: "REDIS_URL", value: "redis://:hunter2@cache.example.com:6379" },
                        ],
                    },
                },
            },
        });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^awsx\.ecs\.FargateService "sync" container "web" environment "REDIS_URL" holds plaintext URL "redis:\/\/\*\*\*@cache\.example\.com:6379"/,
        );
        assert.doesNotMatch(out.violations[0], /hunter2/);
    });

    it("leaves unreadable definitions to the secrets rule and wrong types unreported", async () => {
        assert.deepEqual((await check(TASK, { containerDefinitions: "{not json" })).violations, []);
        assert.deepEqual(
            (await check(FARGATE, { taskDefinitionArgs: { container: "web" } })).violations,
            [],
        );
    });

    it("leaves a value that is unknown during preview to the framework", async () => {
        const out = await check(FARGATE, {
            taskDefinitionArgs: {
                container: { name: "web", environment: [{ name: "U", value: unknown.string }] },
            },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /value/);
    });

    it("judges a task definition an awsx service builds on the service's inputs, so once", async () => {
        const out = await checkResource(disallowPlaintextUrls, {
            type: TASK,
            name: "web-task",
            urn: "urn:pulumi:dev::shop::awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition$aws:ecs/taskDefinition:TaskDefinition::web-task",
            props: {
                containerDefinitions: JSON.stringify(containers({ U: "http://crm.example.com" })),
            },
        });
        assert.deepEqual(out.violations, []);
        const nested = await checkResource(disallowPlaintextUrls, {
            type: "awsx:ecs:FargateTaskDefinition",
            name: "web",
            urn: "urn:pulumi:dev::shop::awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition::web",
            props: {
                container: {
                    name: "web",
                    environment: [{ name: "U", value: "http://crm.example.com" }],
                },
            },
        });
        assert.deepEqual(nested.violations, []);
    });
});
