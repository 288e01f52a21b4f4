import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray } from "../../../../lib/read";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";

const NAME = "aws-elasticache-replicationgroup-disallow-literal-auth-token";

/** A Redis AUTH token or user password in the program is shared by every client and never rotates. */
export const disallowLiteralAuthToken: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that ElastiCache replication groups and users carry no literal auth token or password.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove the literal `authToken`/`passwords`; use IAM authentication (`authenticationMode.type: iam` on an ElastiCache user) or have Vault's database secrets engine manage the Redis credentials.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        if (args.type === "aws:elasticache/replicationGroup:ReplicationGroup") {
            const finding = await scanCredentialField(args.props.authToken, "authToken");
            if (finding) {
                reportViolation(
                    `ElastiCache replication group "${args.name}" sets a ${literalOrStatic(finding)} \`authToken\` (${describeFinding(finding)}); use IAM authentication or Vault-managed Redis credentials instead.`,
                );
            }
            return;
        }
        if (args.type === "aws:elasticache/user:User") {
            for (const [i, p] of asArray(args.props.passwords).entries()) {
                const finding = await scanCredentialField(p, "password");
                if (finding) {
                    reportViolation(
                        `ElastiCache user "${args.name}" sets a ${literalOrStatic(finding)} password #${i} (${describeFinding(finding)}); use \`authenticationMode.type: "iam"\` or Vault-managed Redis credentials instead.`,
                    );
                }
            }
        }
    },
};
