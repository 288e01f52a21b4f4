import * as assert from "node:assert/strict";
import { disallowIamUsers } from "../../../../../../policypack/policies/secrets/vault/aws/disallowIamUsers";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "vault:aws/secretBackendRole:SecretBackendRole";

describe("vault-aws-secretbackendrole-disallow-iam-users", () => {
    const check = (props: any) => checkResource(disallowIamUsers, { type: TYPE, name: "r", props });

    it("accepts assumed-role and federation-token roles", async () => {
        assert.deepEqual(
            (
                await check({
                    name: "sync",
                    credentialType: "assumed_role",
                    roleArns: ["arn:aws:iam::111122223333:role/sync"],
                })
            ).violations,
            [],
        );
        assert.deepEqual(
            (await check({ name: "sync", credentialType: "federation_token" })).violations,
            [],
        );
    });

    it("advises against iam_user credentials", async () => {
        assert.deepEqual((await check({ name: "sync", credentialType: "iam_user" })).violations, [
            'Vault AWS role "sync" issues "iam_user" credentials, long-lived IAM users that only Vault\'s revocation removes; use "assumed_role" or "federation_token" instead.',
        ]);
    });

    it("leaves an unknown credential type to the framework and survives wrong types", async () => {
        const out = await check({ credentialType: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual((await check({ credentialType: 1 })).violations, []);
    });
});
