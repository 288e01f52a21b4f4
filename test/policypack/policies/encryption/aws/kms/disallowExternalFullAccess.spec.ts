import * as assert from "node:assert/strict";
import { disallowExternalFullAccess } from "../../../../../../policypack/policies/encryption/aws/kms/disallowExternalFullAccess";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:kms/key:Key";
const OWN = "111122223333";
const OTHER = "444455556666";
const rootStatement = {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${OWN}:root` },
    Action: "kms:*",
    Resource: "*",
};
const policy = (...statements: object[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const compliant = { enableKeyRotation: true, policy: policy(rootStatement) };
const FIX =
    'grant it only the actions it needs (e.g. "kms:Decrypt") or pin it to your account with a `kms:CallerAccount` condition.';

describe("aws-kms-key-disallow-external-full-access", () => {
    it("accepts kms:* granted to the account's own root", async () => {
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props: compliant },
            { accountIds: [OWN] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("accepts a key without a policy (the default key policy)", async () => {
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props: { enableKeyRotation: true },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects kms:* granted to everyone and names the statement", async () => {
        const props = {
            policy: policy(rootStatement, {
                Sid: "Open",
                Effect: "Allow",
                Principal: "*",
                Action: "kms:*",
                Resource: "*",
            }),
        };
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props,
        });
        assert.deepEqual(out.violations, [
            `KMS key "k" \`policy\` statement "Open" grants "kms:*" to "*", a principal outside the account that could then decrypt or destroy everything the key protects; ${FIX}`,
        ]);
    });

    it("accepts kms:* to everyone when pinned to the own account by kms:CallerAccount", async () => {
        const pinned = {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:*",
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": OWN } },
        };
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props: { policy: policy(pinned) } },
            { accountIds: [OWN] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects kms:* to everyone pinned to another account", async () => {
        const pinned = {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:*",
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": OTHER } },
        };
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props: { policy: policy(pinned) } },
            { accountIds: [OWN] },
        );
        assert.deepEqual(out.violations, [
            `KMS key "k" \`policy\` statement #0 grants "kms:*" to "*", a principal outside the account that could then decrypt or destroy everything the key protects; ${FIX}`,
        ]);
    });

    it("rejects kms:* granted to another account's role when the own account is configured", async () => {
        const role = `arn:aws:iam::${OTHER}:role/partner`;
        const props = {
            policy: policy(rootStatement, {
                Sid: "Partner",
                Effect: "Allow",
                Principal: { AWS: [role] },
                Action: ["kms:*"],
                Resource: "*",
            }),
        };
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props },
            { accountIds: [OWN] },
        );
        assert.deepEqual(out.violations, [
            `KMS key "k" \`policy\` statement "Partner" grants "kms:*" to "${role}", a principal outside the account that could then decrypt or destroy everything the key protects; ${FIX}`,
        ]);
    });

    it("learns the own account from the provider's allowedAccountIds", async () => {
        const props = {
            policy: policy({
                Effect: "Allow",
                Principal: { AWS: OTHER },
                Action: "*",
                Resource: "*",
            }),
        };
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props,
            provider: {
                type: "pulumi:providers:aws",
                props: { allowedAccountIds: JSON.stringify([OWN]) },
            },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /grants "\*" to "444455556666"/);
    });

    it("does not judge account principals when no own account is known", async () => {
        const props = {
            policy: policy({
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
                Action: "kms:*",
                Resource: "*",
            }),
        };
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props,
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts narrow actions granted to another account", async () => {
        const props = {
            policy: policy({
                Effect: "Allow",
                Principal: { AWS: OTHER },
                Action: ["kms:Decrypt", "kms:DescribeKey"],
                Resource: "*",
            }),
        };
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props },
            { accountIds: [OWN] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects kms:* granted to a service principal", async () => {
        const props = {
            policy: policy({
                Sid: "Logs",
                Effect: "Allow",
                Principal: { Service: "logs.amazonaws.com" },
                Action: "KMS:*",
                Resource: "*",
            }),
        };
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props,
        });
        assert.deepEqual(out.violations, [
            `KMS key "k" \`policy\` statement "Logs" grants "KMS:*" to "logs.amazonaws.com", a principal outside the account that could then decrypt or destroy everything the key protects; ${FIX}`,
        ]);
    });

    it("treats an Allow with NotAction as full access", async () => {
        const props = {
            policy: policy({
                Effect: "Allow",
                Principal: "*",
                NotAction: "kms:ScheduleKeyDeletion",
                Resource: "*",
            }),
        };
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props,
        });
        assert.deepEqual(out.violations, [
            `KMS key "k" \`policy\` statement #0 grants NotAction "kms:ScheduleKeyDeletion" to "*", a principal outside the account that could then decrypt or destroy everything the key protects; ${FIX}`,
        ]);
    });

    it("ignores a Deny of kms:* to everyone", async () => {
        const props = {
            policy: policy(rootStatement, {
                Effect: "Deny",
                Principal: "*",
                Action: "kms:*",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
        };
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props },
            { accountIds: [OWN] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("checks a separate KMS key policy resource too", async () => {
        const props = {
            keyId: "k-1",
            policy: {
                Statement: { Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" },
            },
        };
        const out = await checkResource(disallowExternalFullAccess, {
            type: "aws:kms/keyPolicy:KeyPolicy",
            name: "kp",
            props,
        });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^KMS key policy "kp" `policy` statement #0 grants "kms:\*" to "\*"/,
        );
    });

    it("fails closed on a policy that cannot be read", async () => {
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props: { policy: "{not json" },
        });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^KMS key "k" has a `policy` that cannot be read, so who controls the key cannot be checked: The policy document is not valid JSON/,
        );
    });

    it("reads a wrongly typed policy without throwing and fails closed", async () => {
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props: { policy: 42 },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /cannot be read/);
    });

    it("ignores wrongly typed accountIds config", async () => {
        const out = await checkResource(
            disallowExternalFullAccess,
            { type: TYPE, name: "k", props: compliant },
            { accountIds: "111122223333" },
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowExternalFullAccess, {
            type: TYPE,
            name: "k",
            props: { policy: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /policy/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(disallowExternalFullAccess, {
            type: "aws:sqs/queue:Queue",
            props: { policy: "{" },
        });
        assert.deepEqual(out.violations, []);
    });
});
