import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-mq-broker-disallow-public-access";

/**
 * A message broker of the sync path carries personal data and should be reachable only from inside
 * the VPC (Articles 25(1) and 32(1)(b)): Amazon MQ brokers are not publicly accessible.
 */
export const disallowPublicAccess: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Amazon MQ brokers are not publicly accessible.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `publiclyAccessible: false` and place the broker in private subnets reached through the VPC.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:mq/broker:Broker", (args, reportViolation) => {
        if (args.props.publiclyAccessible === true) {
            reportViolation(
                `Amazon MQ broker "${args.name}" sets publiclyAccessible true, so its endpoints accept connections from the internet; it should be reachable only inside the VPC: set \`publiclyAccessible: false\`.`,
            );
        }
    }),
};
