import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { describeFinding, literalOrStatic, scanValue } from "../../../../lib/secrets/detector";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-lambda-function-disallow-secret-environment";

/** Lambda environment variables are readable by anyone with `lambda:GetFunctionConfiguration`. */
export const disallowSecretEnvironment: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Lambda functions hold no secrets in their environment variables.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove the literal; read the secret at run time from Vault (the Vault Lambda extension) or Secrets Manager, and pass only its name or ARN in the environment.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:lambda/function:Function", async (args, reportViolation) => {
        const variables = asObject(asObject(args.props.environment).variables);
        for (const [key, value] of Object.entries(variables)) {
            if (typeof value !== "string") {
                continue;
            }
            const finding = await scanValue(value, key);
            if (finding?.confidence === "high") {
                reportViolation(
                    `Lambda function "${args.name}" environment variable "${key}" holds a ${literalOrStatic(finding)} secret (${describeFinding(finding)}); read it at run time from Vault or Secrets Manager and pass only its ARN.`,
                );
            }
        }
    }),
};
