import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asObject } from "../../../../lib/read";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-glue-connection-disallow-literal-password";
/** Connection properties that hold a password: `PASSWORD`, and Kafka's `KAFKA_SASL_SCRAM_PASSWORD` and kin. */
const PASSWORD_KEY = /PASSWORD$/i;

/**
 * A Glue connection reaches the database an ETL job copies personal data out of; a password written
 * into its `connectionProperties` never rotates and sits in the program and the state (Articles
 * 25 and 32). `SECRET_ID`, naming a Secrets Manager secret, is how a connection gets its credentials
 * instead.
 */
export const disallowLiteralPassword: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Glue connections do not set a literal password in their connection properties.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `PASSWORD` (and `USERNAME`) from `connectionProperties` and set `SECRET_ID` to a Secrets Manager secret holding them, with rotation enabled.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:glue/connection:Connection", async (args, reportViolation) => {
        const properties = asObject(args.props.connectionProperties);
        for (const key of Object.keys(properties)) {
            if (!PASSWORD_KEY.test(key)) {
                continue;
            }
            const finding = await scanCredentialField(properties[key], key);
            if (finding) {
                reportViolation(
                    `Glue connection "${args.name}" sets a ${literalOrStatic(finding)} \`connectionProperties.${key}\` (${describeFinding(finding)}); remove it and set \`connectionProperties.SECRET_ID\` to a Secrets Manager secret that holds the credentials.`,
                );
            }
        }
    }),
};
