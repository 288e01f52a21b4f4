import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "aws-apigateway-stage-enable-access-logs";
const LABELS: Record<string, string> = {
    "aws:apigateway/stage:Stage": "API Gateway stage",
    "aws:apigatewayv2/stage:Stage": "API Gateway v2 stage",
};

/**
 * An API stage is the door to the personal data behind it: its access log records which caller
 * made which request, and when (Articles 30 and 32(1)(d)). REST stages (`aws.apigateway.Stage`) and
 * HTTP / WebSocket stages (`aws.apigatewayv2.Stage`) log access only when `accessLogSettings`
 * names a destination (a CloudWatch Logs log group, or a Firehose stream for REST APIs).
 */
export const enableAccessLogs: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that API Gateway stages write access logs.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: tags("audit", "gdpr-art-30", "gdpr-art-32"),
    remediationSteps:
        "Set `accessLogSettings: { destinationArn: <log group ARN>, format: <JSON log format> }` on the stage.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const label = LABELS[args.type];
        if (label === undefined) {
            return;
        }
        const destination = asObject(args.props.accessLogSettings).destinationArn;
        if (typeof destination === "string" && destination.trim() !== "") {
            return;
        }
        const why =
            args.props.accessLogSettings === undefined
                ? "`accessLogSettings` is unset"
                : "`accessLogSettings.destinationArn` is not set";
        reportViolation(
            `${label} "${args.name}" writes no access logs (${why}), so there is no record of which caller requested which personal data; set \`accessLogSettings\` with a \`destinationArn\` (a CloudWatch Logs log group) and a \`format\`.`,
        );
    },
};
