import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-msk-cluster-enforce-tls";

/**
 * Kafka topics in the sync path carry personal data between producers, brokers and consumers
 * (Article 32(1)(a)): client–broker traffic is `TLS` only and broker–broker traffic is encrypted
 * (both the AWS defaults, which this rule keeps from being turned off).
 */
export const enforceTls: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that MSK clusters accept only TLS from clients and encrypt traffic between brokers.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Set `encryptionInfo.encryptionInTransit.clientBroker: "TLS"` and `encryptionInfo.encryptionInTransit.inCluster: true` (or leave both unset: they are the defaults).',
    url: ruleUrl(NAME),
    validateResource: ofType("aws:msk/cluster:Cluster", (args, reportViolation) => {
        const transit = asObject(asObject(args.props.encryptionInfo).encryptionInTransit);
        const subject = `MSK cluster "${args.name}"`;
        const clientBroker = transit.clientBroker;
        if (clientBroker !== undefined && clientBroker !== "TLS") {
            reportViolation(
                `${subject} sets clientBroker ${typeof clientBroker === "string" ? `"${clientBroker}"` : "to a non-string value"}, so clients may produce and consume personal data in plaintext; it should be "TLS".`,
            );
        }
        if (transit.inCluster !== undefined && transit.inCluster !== true) {
            reportViolation(
                `${subject} turns off in-cluster encryption, so brokers replicate personal data in plaintext; it should set \`inCluster: true\`.`,
            );
        }
    }),
};
