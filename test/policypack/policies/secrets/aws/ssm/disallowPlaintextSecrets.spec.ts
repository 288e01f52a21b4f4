import * as assert from "node:assert/strict";
import { disallowPlaintextSecrets } from "../../../../../../policypack/policies/secrets/aws/ssm/disallowPlaintextSecrets";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:ssm/parameter:Parameter";

describe("aws-ssm-parameter-disallow-plaintext-secrets", () => {
    const check = (props: any) =>
        checkResource(disallowPlaintextSecrets, { type: TYPE, name: "p", props });

    it("accepts configuration in a String parameter", async () => {
        assert.deepEqual(
            (
                await check({
                    name: "/crm-sync/batch-size",
                    type: "String",
                    value: "500",
                })
            ).violations,
            [],
        );
    });

    it("rejects a password in a String parameter", async () => {
        const out = await check({
            name: "/crm-sync/db/password",
            type: "String",
            value: "hunter22",
        });
        assert.deepEqual(out.violations, [
            'SSM parameter "/crm-sync/db/password" of type "String" holds a secret in plaintext (detector "secret-like-key"); keep it in Vault, or use type "SecureString" with a customer-managed KMS key.',
        ]);
    });

    it("accepts the same value in a SecureString parameter", async () => {
        assert.deepEqual(
            (
                await check({
                    name: "/crm-sync/db/password",
                    type: "SecureString",
                    value: "hunter22",
                })
            ).violations,
            [],
        );
    });

    it("leaves a value that is unknown during preview to the framework and survives wrong types", async () => {
        const out = await check({
            name: "/x/token",
            type: "String",
            value: unknown.string,
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual((await check({ name: 3, type: 4, value: 5 })).violations, []);
    });
});
