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
});
