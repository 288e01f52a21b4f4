import * as assert from "node:assert/strict";
import { disallowStaticCredentials } from "../../../../../../policypack/policies/secrets/pulumi/providers/disallowStaticCredentials";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "pulumi:providers:aws";
const compliant = {
    region: "eu-west-1",
    version: "7.48.0",
    skipCredentialsValidation: "false",
};
const msg = (field: string, detector: string) =>
    `AWS provider "default_7_48_0" field "${field}" holds a static credential (detector "${detector}"); remove it and let the deployment assume a role through OIDC or read short-lived keys from Vault's AWS secrets engine.`;

describe("pulumi-providers-aws-disallow-static-credentials", () => {
    const check = (props: Record<string, any>) =>
        checkResource(disallowStaticCredentials, {
            type: TYPE,
            name: "default_7_48_0",
            props,
        });

    it("accepts a provider that takes its credentials from the environment", async () => {
        assert.deepEqual((await check(compliant)).violations, []);
        assert.deepEqual((await check({ ...compliant, profile: "sso-deployer" })).violations, []);
    });

    it("rejects a static access key and secret key, naming each field and detector", async () => {
        const out = await check({
            ...compliant,
            accessKey: "AKIAIOSFODNN7EXAMPLE",
            secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        });
        assert.deepEqual(out.violations, [
            msg("accessKey", "aws-access-key"),
            msg("secretKey", "secret-like-key"),
        ]);
    });

    it("rejects a session token whatever it looks like", async () => {
        const out = await check({ ...compliant, token: "IQoJb3JpZ2luX2VjEFAKE" });
        assert.deepEqual(out.violations, [msg("token", "secret-like-key")]);
    });

    it("rejects a credential hidden in another field's JSON", async () => {
        const out = await check({
            ...compliant,
            assumeRoles: JSON.stringify([
                {
                    roleArn: "arn:aws:iam::111122223333:role/x",
                    externalId: "AKIAIOSFODNN7EXAMPLE",
                },
            ]),
        });
        assert.deepEqual(out.violations, [
            msg("assumeRoles", 'aws-access-key" at "[0].externalId'),
        ]);
    });

    it("accepts empty and placeholder credential fields", async () => {
        assert.deepEqual(
            (await check({ ...compliant, accessKey: "", secretKey: "" })).violations,
            [],
        );
    });

    it("never puts the key in the message", async () => {
        const out = await check({
            ...compliant,
            secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        });
        assert.ok(!out.violations.join().includes("wJalr"));
    });

    it("leaves a credential that is unknown during preview to the framework", async () => {
        const out = await check({ ...compliant, secretKey: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /secretKey/);
    });

    it("does not throw on wrongly typed fields", async () => {
        assert.deepEqual(
            (await check({ ...compliant, accessKey: 12, secretKey: { a: 1 } })).violations,
            [],
        );
    });

    it("ignores other providers", async () => {
        const out = await checkResource(disallowStaticCredentials, {
            type: "pulumi:providers:gcp",
            props: { accessToken: "AKIAIOSFODNN7EXAMPLE" },
        });
        assert.deepEqual(out.violations, []);
    });
});
