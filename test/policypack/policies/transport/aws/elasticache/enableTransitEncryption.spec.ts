import * as assert from "node:assert/strict";
import { enableTransitEncryption } from "../../../../../../policypack/policies/transport/aws/elasticache/enableTransitEncryption";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:elasticache/replicationGroup:ReplicationGroup";
const compliant = {
    description: "sync cache",
    engine: "redis",
    transitEncryptionEnabled: true,
    atRestEncryptionEnabled: true,
};

describe("aws-elasticache-replicationgroup-enable-transit-encryption", () => {
    it("accepts a replication group with transit encryption", async () => {
        assert.deepEqual(
            (
                await checkResource(enableTransitEncryption, {
                    type: TYPE,
                    name: "c",
                    props: compliant,
                })
            ).violations,
            [],
        );
        const required = await checkResource(enableTransitEncryption, {
            type: TYPE,
            name: "c",
            props: { ...compliant, transitEncryptionMode: "required" },
        });
        assert.deepEqual(required.violations, []);
    });

    it("rejects a replication group without transit encryption", async () => {
        const out = await checkResource(enableTransitEncryption, {
            type: TYPE,
            name: "cache",
            props: { ...compliant, transitEncryptionEnabled: false },
        });
        assert.deepEqual(out.violations, [
            'ElastiCache replication group "cache" does not enable in-transit encryption, so cached personal data crosses the network in plaintext; it should: set `transitEncryptionEnabled: true` and connect with "rediss://".',
        ]);
    });

    it("rejects the preferred mode, which still accepts plaintext clients", async () => {
        const out = await checkResource(enableTransitEncryption, {
            type: TYPE,
            name: "cache",
            props: { ...compliant, transitEncryptionMode: "preferred" },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /transitEncryptionMode "preferred"/);
    });

    it("treats a wrongly typed flag as not enabled without throwing", async () => {
        const out = await checkResource(enableTransitEncryption, {
            type: TYPE,
            name: "cache",
            props: { transitEncryptionEnabled: "yes" },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a flag that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableTransitEncryption, {
            type: TYPE,
            name: "c",
            props: { ...compliant, transitEncryptionEnabled: unknown.boolean },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /transitEncryptionEnabled/);
    });

    describe("stand-alone clusters (aws.elasticache.Cluster)", () => {
        const CLUSTER = "aws:elasticache/cluster:Cluster";
        const cluster = (props: Record<string, unknown>) =>
            checkResource(enableTransitEncryption, { type: CLUSTER, name: "cache", props });

        it("rejects a Redis OSS or Valkey cluster, which has no TLS, and names the way out", async () => {
            for (const engine of [undefined, "redis", "valkey"]) {
                const out = await cluster({ engine, nodeType: "cache.t3.micro", numCacheNodes: 1 });
                assert.equal(out.violations.length, 1, String(engine));
                assert.match(out.violations[0], /cannot encrypt data in transit/);
                assert.match(out.violations[0], /aws\.elasticache\.ReplicationGroup/);
            }
        });

        it("rejects a Memcached cluster without transit encryption and accepts one with it", async () => {
            const plain = await cluster({ engine: "memcached", numCacheNodes: 2 });
            assert.deepEqual(plain.violations, [
                'ElastiCache cluster "cache" (engine "memcached") does not enable in-transit encryption, so cached personal data crosses the network in plaintext; it should: set `transitEncryptionEnabled: true` (Memcached 1.6.12 or later, in a VPC) and connect with TLS.',
            ]);
            const tls = await cluster({
                engine: "memcached",
                numCacheNodes: 2,
                transitEncryptionEnabled: true,
            });
            assert.deepEqual(tls.violations, []);
        });

        it("leaves a cluster that joins a replication group to the group's check", async () => {
            const out = await cluster({ replicationGroupId: "sync-cache" });
            assert.deepEqual(out.violations, []);
            assert.match(out.notApplicable ?? "", /the group is the one checked/);
        });
    });
});
