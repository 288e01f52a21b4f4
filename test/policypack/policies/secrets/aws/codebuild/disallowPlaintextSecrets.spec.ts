import * as assert from "node:assert/strict";
import { disallowPlaintextSecrets } from "../../../../../../policypack/policies/secrets/aws/codebuild/disallowPlaintextSecrets";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:codebuild/project:Project";
const env = (environmentVariables: any) => ({
    environment: {
        computeType: "BUILD_GENERAL1_SMALL",
        image: "aws/codebuild/standard:7.0",
        type: "LINUX_CONTAINER",
        environmentVariables,
    },
});

describe("aws-codebuild-project-disallow-plaintext-secrets", () => {
    const check = (vars: any) =>
        checkResource(disallowPlaintextSecrets, {
            type: TYPE,
            name: "sync-build",
            props: env(vars),
        });

    it("accepts secrets declared as SECRETS_MANAGER references", async () => {
        const out = await check([
            { name: "NPM_TOKEN", type: "SECRETS_MANAGER", value: "ci/npm-token" },
            { name: "STAGE", type: "PLAINTEXT", value: "prod" },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects a token in a PLAINTEXT variable, including one with no type", async () => {
        const out = await check([
            {
                name: "NPM_TOKEN",
                type: "PLAINTEXT",
                value: "npm_FAKEfakeFAKEfakeFAKEfakeFAKEfake1234",
            },
            { name: "DEPLOY_PASSWORD", value: "hunter22" },
        ]);
        assert.deepEqual(out.violations, [
            'CodeBuild project "sync-build" PLAINTEXT variable "NPM_TOKEN" holds a secret (detector "npm-token"); declare it with type "SECRETS_MANAGER" or "PARAMETER_STORE" and the secret\'s name instead.',
            'CodeBuild project "sync-build" PLAINTEXT variable "DEPLOY_PASSWORD" holds a secret (detector "secret-like-key"); declare it with type "SECRETS_MANAGER" or "PARAMETER_STORE" and the secret\'s name instead.',
        ]);
    });

    it("leaves a value that is unknown during preview to the framework", async () => {
        const out = await check([{ name: "NPM_TOKEN", type: "PLAINTEXT", value: unknown.string }]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on wrongly typed variables", async () => {
        assert.deepEqual((await check("x")).violations, []);
        assert.deepEqual((await check([null, { name: 1, value: 2 }])).violations, []);
    });
});
