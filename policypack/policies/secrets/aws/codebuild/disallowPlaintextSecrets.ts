import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { describeFinding, scanValue } from "../../../../lib/secrets/detector";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-codebuild-project-disallow-plaintext-secrets";

/** CodeBuild PLAINTEXT variables are shown in the console and in build logs. */
export const disallowPlaintextSecrets: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that CodeBuild projects hold no secrets in PLAINTEXT environment variables.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Store the value in Secrets Manager or SSM SecureString and declare the variable with `type: SECRETS_MANAGER` or `PARAMETER_STORE` and the secret's name as its value.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:codebuild/project:Project", async (args, reportViolation) => {
        const vars = asArray(asObject(args.props.environment).environmentVariables);
        for (const [i, entry] of vars.entries()) {
            const v = asObject(entry);
            const type = typeof v.type === "string" ? v.type : "PLAINTEXT";
            if (type !== "PLAINTEXT" || typeof v.value !== "string") {
                continue;
            }
            const name = typeof v.name === "string" ? v.name : `#${i}`;
            const finding = await scanValue(v.value, name);
            if (finding?.confidence === "high") {
                reportViolation(
                    `CodeBuild project "${args.name}" PLAINTEXT variable "${name}" holds a secret (${describeFinding(finding)}); declare it with type "SECRETS_MANAGER" or "PARAMETER_STORE" and the secret's name instead.`,
                );
            }
        }
    }),
};
