import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";

const NAME = "aws-ec2-instance-enforce-imdsv2";

const SUBJECTS: Record<string, string> = {
    "aws:ec2/instance:Instance": "EC2 instance",
    "aws:ec2/launchTemplate:LaunchTemplate": "EC2 launch template",
};

/**
 * The instance metadata service hands out the instance role's credentials. With IMDSv1 allowed
 * (`httpTokens` other than `"required"`, the provider's default is `"optional"`) one server-side
 * request forgery in any process on the instance is enough to read them, and with them the
 * personal data the role reaches (Article 32(1)(b)). Turning the endpoint off is compliant too.
 */
export const enforceImdsv2: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that EC2 instances and launch templates require IMDSv2 (metadataOptions.httpTokens "required").',
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("exposure", "gdpr-art-32"),
    remediationSteps:
        'Set `metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }` (or 2 for containers on the host), or `httpEndpoint: "disabled"` when nothing on the instance needs the metadata service.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const subject = SUBJECTS[args.type];
        if (!subject) {
            return;
        }
        const options = asObject(args.props.metadataOptions);
        if (options.httpEndpoint === "disabled" || options.httpTokens === "required") {
            return;
        }
        const tokens: unknown = options.httpTokens;
        const state =
            tokens === undefined
                ? "leaves `metadataOptions.httpTokens` unset (the default is optional)"
                : `sets \`metadataOptions.httpTokens\` to ${JSON.stringify(tokens)}`;
        reportViolation(
            `${subject} "${args.name}" ${state}, so IMDSv1 answers without a session token and one server-side request forgery reads the instance role's credentials; set \`metadataOptions.httpTokens: "required"\`.`,
        );
    },
};
