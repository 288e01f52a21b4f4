import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-mq-broker-disallow-literal-passwords";

/** Broker user passwords in the program never rotate and live in the state. */
export const disallowLiteralPasswords: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that Amazon MQ brokers carry no literal user passwords.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove literal `users[].password` values; authenticate through LDAP, or have Vault's RabbitMQ secrets engine issue short-lived broker credentials.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:mq/broker:Broker", async (args, reportViolation) => {
        for (const [i, entry] of asArray(args.props.users).entries()) {
            const user = asObject(entry);
            const name = typeof user.username === "string" ? `"${user.username}"` : `#${i}`;
            const finding = await scanCredentialField(user.password, "password");
            if (finding) {
                reportViolation(
                    `MQ broker "${args.name}" user ${name} has a ${literalOrStatic(finding)} password (${describeFinding(finding)}); use LDAP authentication or short-lived credentials from Vault's RabbitMQ secrets engine instead.`,
                );
            }
        }
    }),
};
