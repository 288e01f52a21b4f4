import * as assert from "node:assert/strict";
import { disallowLiteralAuthToken } from "../../../../../../policypack/policies/secrets/aws/elasticache/disallowLiteralAuthToken";
import { checkResource, unknown } from "../../../../harness";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";

describe("aws-elasticache-replicationgroup-disallow-literal-auth-token", () => {
    it("accepts a replication group without an auth token (IAM users instead)", async () => {
        const out = await checkResource(disallowLiteralAuthToken, {
            type: GROUP,
            name: "cache",
            props: { transitEncryptionEnabled: true, userGroupIds: ["sync"] },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a literal auth token", async () => {
        const out = await checkResource(disallowLiteralAuthToken, {
            type: GROUP,
            name: "cache",
            props: { authToken: "R3disAuthToken!2024" },
        });
        assert.deepEqual(out.violations, [
            'ElastiCache replication group "cache" sets a literal `authToken` (detector "secret-like-key"); use IAM authentication or Vault-managed Redis credentials instead.',
        ]);
    });

    it("rejects literal user passwords and accepts IAM-authenticated users", async () => {
        const bad = await checkResource(disallowLiteralAuthToken, {
            type: USER,
            name: "sync",
            props: { passwords: ["R3disUserPass!2024"] },
        });
        assert.deepEqual(bad.violations, [
            'ElastiCache user "sync" sets a literal password #0 (detector "secret-like-key"); use `authenticationMode.type: "iam"` or Vault-managed Redis credentials instead.',
        ]);
        const good = await checkResource(disallowLiteralAuthToken, {
            type: USER,
            name: "sync",
            props: { authenticationMode: { type: "iam" } },
        });
        assert.deepEqual(good.violations, []);
    });

    it("leaves an unknown token to the framework and survives wrong types", async () => {
        const out = await checkResource(disallowLiteralAuthToken, {
            type: GROUP,
            name: "cache",
            props: { authToken: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual(
            (
                await checkResource(disallowLiteralAuthToken, {
                    type: USER,
                    name: "u",
                    props: { passwords: "x" },
                })
            ).violations,
            [],
        );
    });
});
