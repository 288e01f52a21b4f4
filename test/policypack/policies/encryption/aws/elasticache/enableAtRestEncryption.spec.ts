import * as assert from "node:assert/strict";
import { enableAtRestEncryption } from "../../../../../../policypack/policies/encryption/aws/elasticache/enableAtRestEncryption";
import { checkResource, unknown } from "../../../../harness";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const FIX =
    "set `atRestEncryptionEnabled: true` and a customer-managed `kmsKeyId`; an existing group is re-created for it (restore it from a backup).";
const check = (type: string, props: Record<string, any>) =>
    checkResource(enableAtRestEncryption, { type, name: "sessions", props });

describe("aws-elasticache-cache-enable-at-rest-encryption", () => {
    it("accepts a replication group with `atRestEncryptionEnabled: true`", async () => {
        const out = await check(GROUP, { engine: "redis", atRestEncryptionEnabled: true });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a Redis OSS replication group that leaves it unset (Redis defaults to off)", async () => {
        const out = await check(GROUP, { engine: "redis" });
        assert.deepEqual(out.violations, [
            `ElastiCache replication group "sessions" does not encrypt its storage at rest (\`atRestEncryptionEnabled\` is unset, which defaults to false), so the personal data it holds sits on disk and in its snapshots in plaintext; ${FIX}`,
        ]);
        assert.equal((await check(GROUP, {})).violations.length, 1, "no engine means redis");
    });

    it("accepts a Valkey group that leaves it unset (Valkey defaults to on) but not one that turns it off", async () => {
        assert.deepEqual((await check(GROUP, { engine: "valkey" })).violations, []);
        const off = await check(GROUP, { engine: "valkey", atRestEncryptionEnabled: false });
        assert.equal(off.violations.length, 1);
    });

    it("rejects a wrongly typed switch", async () => {
        const out = await check(GROUP, { atRestEncryptionEnabled: 1 });
        assert.match(out.violations[0], /`atRestEncryptionEnabled` is 1, not a boolean/);
    });

    it("rejects a stand-alone Redis cluster, which cannot encrypt at rest, and points to a replication group", async () => {
        const out = await check(CLUSTER, { engine: "redis", numCacheNodes: 1 });
        assert.deepEqual(out.violations, [
            'ElastiCache cluster "sessions" (engine "redis") cannot encrypt its data at rest: a stand-alone cluster has no at-rest encryption, so its swap and backups hold personal data in plaintext; build it as an `aws.elasticache.ReplicationGroup` (one node is allowed) with `atRestEncryptionEnabled: true` and a customer-managed `kmsKeyId`.',
        ]);
    });

    it("leaves a cluster in a replication group to the group, and Memcached out (nothing at rest)", async () => {
        const member = await check(CLUSTER, { replicationGroupId: "sessions-rg" });
        assert.deepEqual(member.violations, []);
        assert.match(member.notApplicable ?? "", /replication group/);
        const memcached = await check(CLUSTER, { engine: "memcached" });
        assert.deepEqual(memcached.violations, []);
        assert.match(memcached.notApplicable ?? "", /Memcached/);
    });

    it("leaves unknowns during preview to the framework", async () => {
        const group = await check(GROUP, { atRestEncryptionEnabled: unknown.boolean });
        assert.match(group.unknownDuringPreview ?? "", /atRestEncryptionEnabled/);
        const cluster = await check(CLUSTER, { engine: unknown.string });
        assert.deepEqual(cluster.violations, []);
        assert.match(cluster.unknownDuringPreview ?? "", /engine/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual(
            (await check("aws:elasticache/serverlessCache:ServerlessCache", {})).violations,
            [],
        );
    });
});
