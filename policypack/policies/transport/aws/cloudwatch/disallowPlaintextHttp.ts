import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { parseUrl } from "../../../../lib/urls";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-cloudwatch-eventapidestination-disallow-plaintext-http";

/**
 * An EventBridge API destination posts event payloads to a third-party endpoint (Article 32(1)(a)):
 * the invocation endpoint is an `https://` URL.
 */
export const disallowPlaintextHttp: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that EventBridge API destinations invoke https:// endpoints.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps: "Set `invocationEndpoint` to the receiver's `https://` URL.",
    url: ruleUrl(NAME),
    validateResource: ofType(
        "aws:cloudwatch/eventApiDestination:EventApiDestination",
        (args, reportViolation) => {
            const raw = args.props.invocationEndpoint;
            const url = typeof raw === "string" ? parseUrl(raw) : undefined;
            if (url && url.scheme === "https") {
                return;
            }
            const what = url
                ? `invokes "${url.redacted}" over ${url.scheme === "http" ? "plain HTTP" : `"${url.scheme}"`}, so event payloads cross the network unencrypted`
                : "has no readable `invocationEndpoint` URL, so its transport cannot be verified";
            reportViolation(
                `EventBridge API destination "${args.name}" ${what}; it should use "https": set \`invocationEndpoint\` to an \`https://\` URL.`,
            );
        },
    ),
};
