import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { parseUrl } from "../../../../lib/urls";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-sns-topicsubscription-disallow-plaintext-http";

/**
 * SNS delivers the message body, personal data included, to the subscriber (Article 32(1)(a)):
 * HTTP(S) subscriptions use the `https` protocol and an `https://` endpoint.
 */
export const disallowPlaintextHttp: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that SNS topic subscriptions never deliver over plain HTTP.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Set the subscription's `protocol` to `https` and its `endpoint` to the subscriber's `https://` URL.",
    url: ruleUrl(NAME),
    validateResource: ofType(
        "aws:sns/topicSubscription:TopicSubscription",
        (args, reportViolation) => {
            const protocol =
                typeof args.props.protocol === "string" ? args.props.protocol.toLowerCase() : "";
            if (protocol !== "http" && protocol !== "https") {
                return;
            }
            const endpoint =
                typeof args.props.endpoint === "string" ? parseUrl(args.props.endpoint) : undefined;
            const shown = endpoint ? ` to "${endpoint.redacted}"` : "";
            if (protocol === "http" || endpoint?.scheme === "http") {
                reportViolation(
                    `SNS topic subscription "${args.name}" delivers messages over plain HTTP${shown}, so personal data in them crosses the network unencrypted; it should use "https": set \`protocol: "https"\` and an \`https://\` endpoint.`,
                );
            }
        },
    ),
};
