import type { ResourceValidationPolicy } from "@pulumi/policy";
import { cacheEngine, checkStorageEncryption, joinsReplicationGroup } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-elasticache-cache-enable-at-rest-encryption";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const FIX =
    "set `atRestEncryptionEnabled: true` and a customer-managed `kmsKeyId`; an existing group is re-created for it (restore it from a backup).";

/**
 * A cache holds copies of personal data, on disk when it swaps and in its backups (Article
 * 32(1)(a)): ElastiCache for Redis OSS and Valkey encrypt at rest. Only a replication group can
 * (Redis OSS defaults to off, Valkey to on); a stand-alone `aws.elasticache.Cluster` running Redis
 * has no at-rest encryption at all, so it is reported with the way out: a replication group, which
 * may have a single node. A cluster that joins a replication group follows the group, and Memcached
 * keeps data only in memory and writes no backups, so neither is checked here.
 */
export const enableAtRestEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that ElastiCache Redis OSS and Valkey caches encrypt their data at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Build the cache as an `aws.elasticache.ReplicationGroup` (one node is allowed) with `atRestEncryptionEnabled: true` and `kmsKeyId` set to a customer-managed KMS key.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (args.type === GROUP) {
            checkStorageEncryption(args, reportViolation, FIX);
            return;
        }
        if (args.type !== CLUSTER) {
            return;
        }
        if (joinsReplicationGroup(args.props)) {
            args.notApplicable(
                "A cluster in a replication group is encrypted at rest as the group is; the group is the one checked.",
            );
        }
        const engine = cacheEngine(args.props);
        if (engine === "memcached") {
            args.notApplicable(
                "Memcached keeps data only in memory and writes no backups: there is nothing at rest to encrypt.",
            );
        }
        reportViolation(
            `ElastiCache cluster "${args.name}" (engine "${engine}") cannot encrypt its data at rest: a stand-alone cluster has no at-rest encryption, so its swap and backups hold personal data in plaintext; build it as an \`aws.elasticache.ReplicationGroup\` (one node is allowed) with \`atRestEncryptionEnabled: true\` and a customer-managed \`kmsKeyId\`.`,
        );
    },
};
