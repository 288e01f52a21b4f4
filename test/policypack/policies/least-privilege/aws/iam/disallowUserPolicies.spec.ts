import * as assert from "node:assert/strict";
import { disallowUserPolicies } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowUserPolicies";
import { checkResource, unknown } from "../../../../harness";

const FIX =
    "permissions should belong to a role the job assumes with short-lived credentials, so move them to one (LeastPrivilegeRole builds it).";

describe("aws-iam-user-disallow-user-policies", () => {
    it("is advisory", () => {
        assert.equal(disallowUserPolicies.enforcementLevel, "advisory");
    });

    it("accepts policies on roles", async () => {
        const inline = await checkResource(disallowUserPolicies, {
            type: "aws:iam/rolePolicy:RolePolicy",
            props: { role: "sync", policy: "{}" },
        });
        const attached = await checkResource(disallowUserPolicies, {
            type: "aws:iam/policyAttachment:PolicyAttachment",
            props: { roles: ["sync"], users: [], policyArn: "arn:aws:iam::1:policy/p" },
        });
        assert.deepEqual([...inline.violations, ...attached.violations], []);
    });

    it("flags an inline user policy even when its user is unknown during preview", async () => {
        const out = await checkResource(disallowUserPolicies, {
            type: "aws:iam/userPolicy:UserPolicy",
            name: "sync-bot-everything",
            props: { user: unknown.string, policy: "{}" },
        });
        assert.deepEqual(out.violations, [
            `IAM user policy "sync-bot-everything" is an inline policy attached directly to an IAM user; ${FIX}`,
        ]);
        assert.equal(out.unknownDuringPreview, undefined);
    });

    it("flags a user policy attachment", async () => {
        const out = await checkResource(disallowUserPolicies, {
            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            name: "a",
            props: { user: "bot", policyArn: "arn:aws:iam::1:policy/p" },
        });
        assert.deepEqual(out.violations, [
            `IAM user policy attachment "a" attaches a policy directly to an IAM user; ${FIX}`,
        ]);
    });

    it("flags a PolicyAttachment that lists users", async () => {
        const out = await checkResource(disallowUserPolicies, {
            type: "aws:iam/policyAttachment:PolicyAttachment",
            name: "pa",
            props: { users: ["a", "b"], policyArn: "arn:aws:iam::1:policy/p" },
        });
        assert.deepEqual(out.violations, [
            `IAM policy attachment "pa" attaches a policy directly to 2 IAM users; ${FIX}`,
        ]);
    });

    it("does not throw on a users field of the wrong type", async () => {
        const out = await checkResource(disallowUserPolicies, {
            type: "aws:iam/policyAttachment:PolicyAttachment",
            props: { users: "bot" },
        });
        assert.deepEqual(out.violations, []);
    });
});
