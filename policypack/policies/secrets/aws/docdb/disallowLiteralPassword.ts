import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-docdb-cluster-disallow-literal-password";

/** A DocumentDB master password in the program never rotates and lives in the state. */
export const disallowLiteralPassword: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that DocumentDB clusters do not set a literal master password.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `masterPassword` and set `manageMasterUserPassword: true`; give applications dynamic credentials from Vault's database secrets engine.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:docdb/cluster:Cluster", async (args, reportViolation) => {
        const finding = await scanCredentialField(args.props.masterPassword, "masterPassword");
        if (finding) {
            reportViolation(
                `DocumentDB cluster "${args.name}" sets a ${literalOrStatic(finding)} \`masterPassword\` (${describeFinding(finding)}); remove it and set \`manageMasterUserPassword: true\` so the password is kept and rotated in Secrets Manager.`,
            );
        }
    }),
};
