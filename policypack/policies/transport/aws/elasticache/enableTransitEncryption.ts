import type { ResourceValidationPolicy } from "@pulumi/policy";
import { cacheEngine, joinsReplicationGroup } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-elasticache-replicationgroup-enable-transit-encryption";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";

/**
 * A cache in the sync path holds personal data and is read over the network (Article 32(1)(a)):
 * replication groups enable in-transit encryption, in `required` mode once migrated. A
 * stand-alone `aws.elasticache.Cluster` can only for Memcached (1.6.12 and later, in a VPC): one
 * running Redis OSS or Valkey has no TLS at all, so it is reported with the way out, a
 * replication group (one node is allowed). A cluster that joins a replication group follows the
 * group. (The name keeps `replicationgroup`: renaming a rule breaks the config that names it.)
 */
export const enableTransitEncryption: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that ElastiCache caches (replication groups and clusters) encrypt data in transit.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set `transitEncryptionEnabled: true` (and leave `transitEncryptionMode` at `required`), and connect with `rediss://`; build a stand-alone Redis OSS or Valkey cluster as an `aws.elasticache.ReplicationGroup` (one node is allowed) to have TLS; on a Memcached cluster set `transitEncryptionEnabled: true`.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (args.type === CLUSTER) {
            checkCluster(args.name, args.props, args.notApplicable, reportViolation);
            return;
        }
        if (args.type !== GROUP) {
            return;
        }
        const subject = `ElastiCache replication group "${args.name}"`;
        if (args.props.transitEncryptionEnabled !== true) {
            reportViolation(
                `${subject} does not enable in-transit encryption, so cached personal data crosses the network in plaintext; it should: set \`transitEncryptionEnabled: true\` and connect with "rediss://".`,
            );
            return;
        }
        const mode = args.props.transitEncryptionMode;
        if (typeof mode === "string" && mode.toLowerCase() === "preferred") {
            reportViolation(
                `${subject} sets transitEncryptionMode "preferred", which still accepts plaintext clients; it should be "required" once clients use TLS.`,
            );
        }
    },
};

function checkCluster(
    name: string,
    props: Record<string, any>,
    notApplicable: (reason: string) => never,
    reportViolation: (message: string) => void,
): void {
    if (joinsReplicationGroup(props)) {
        notApplicable(
            "A cluster in a replication group encrypts in transit as the group does; the group is the one checked.",
        );
    }
    const engine = cacheEngine(props);
    const subject = `ElastiCache cluster "${name}" (engine "${engine}")`;
    if (engine !== "memcached") {
        reportViolation(
            `${subject} cannot encrypt data in transit: a stand-alone Redis OSS or Valkey cluster has no TLS, so cached personal data crosses the network in plaintext; build it as an \`aws.elasticache.ReplicationGroup\` (one node is allowed) with \`transitEncryptionEnabled: true\` and connect with "rediss://".`,
        );
    } else if (props.transitEncryptionEnabled !== true) {
        reportViolation(
            `${subject} does not enable in-transit encryption, so cached personal data crosses the network in plaintext; it should: set \`transitEncryptionEnabled: true\` (Memcached 1.6.12 or later, in a VPC) and connect with TLS.`,
        );
    }
}
