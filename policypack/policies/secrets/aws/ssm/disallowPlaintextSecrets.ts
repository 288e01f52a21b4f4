import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, scanValue } from "../../../../lib/secrets/detector";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-ssm-parameter-disallow-plaintext-secrets";

/** A `String` parameter is stored unencrypted and readable with `ssm:GetParameter` alone. */
export const disallowPlaintextSecrets: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that SSM parameters of type String or StringList hold no secrets.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Keep secrets in Vault; if they must live in SSM, use type `SecureString` with a customer-managed KMS key and set the value outside the program.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:ssm/parameter:Parameter", async (args, reportViolation) => {
        const type = args.props.type;
        if (type === "SecureString" || typeof args.props.value !== "string") {
            return;
        }
        const paramName = typeof args.props.name === "string" ? args.props.name : args.name;
        const finding = await scanValue(args.props.value, paramName);
        if (finding?.confidence === "high") {
            reportViolation(
                `SSM parameter "${paramName}" of type "${String(type)}" holds a secret in plaintext (${describeFinding(finding)}); keep it in Vault, or use type "SecureString" with a customer-managed KMS key.`,
            );
        }
    }),
};
