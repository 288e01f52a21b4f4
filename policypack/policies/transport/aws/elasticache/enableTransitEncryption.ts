import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-elasticache-replicationgroup-enable-transit-encryption";

/**
 * A cache in the sync path holds personal data and is read over the network (Article 32(1)(a)):
 * replication groups enable in-transit encryption, in `required` mode once migrated.
 */
export const enableTransitEncryption: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that ElastiCache replication groups encrypt data in transit.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set `transitEncryptionEnabled: true` (and leave `transitEncryptionMode` at `required`), and connect with `rediss://`.",
    url: ruleUrl(NAME),
    validateResource: ofType(
        "aws:elasticache/replicationGroup:ReplicationGroup",
        (args, reportViolation) => {
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
    ),
};
