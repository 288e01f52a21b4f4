import * as assert from "node:assert/strict";
import { disallowConsolePasswords } from "../../../../../../policypack/policies/secrets/aws/iam/disallowConsolePasswords";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:iam/userLoginProfile:UserLoginProfile";

describe("aws-iam-userloginprofile-disallow-console-passwords", () => {
    it("accepts an IAM user without a login profile", async () => {
        const out = await checkResource(disallowConsolePasswords, {
            type: "aws:iam/user:User",
            name: "sync-bot",
            props: { name: "sync-bot" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a login profile", async () => {
        const out = await checkResource(disallowConsolePasswords, {
            type: TYPE,
            name: "sync-bot-console",
            props: { user: "sync-bot", passwordResetRequired: true },
        });
        assert.deepEqual(out.violations, [
            'Login profile "sync-bot-console" gives an IAM user a long-lived console password and should not exist in a sync stack; use a role assumed through IRSA (LeastPrivilegeRole does) or Vault\'s AWS secrets engine.',
        ]);
    });

    it("rejects a login profile whose fields are unknown or wrongly typed without throwing", async () => {
        for (const user of [unknown.string, 7, null]) {
            const out = await checkResource(disallowConsolePasswords, {
                type: TYPE,
                name: "p",
                props: { user },
            });
            assert.equal(out.violations.length, 1);
        }
    });
});
