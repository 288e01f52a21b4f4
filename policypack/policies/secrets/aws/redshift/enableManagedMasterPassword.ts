import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";
import { ofType } from "../../../../lib/ofType";

const NAME = "aws-redshift-cluster-enable-managed-master-password";

/** A Redshift master password in the program never rotates and lives in the state. */
export const enableManagedMasterPassword: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Redshift clusters let Redshift manage the master password instead of setting a literal one.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `masterPassword` and set `manageMasterPassword: true`; give applications dynamic credentials from Vault's database secrets engine.",
    url: ruleUrl(NAME),
    validateResource: ofType("aws:redshift/cluster:Cluster", async (args, reportViolation) => {
        const finding = await scanCredentialField(args.props.masterPassword, "masterPassword");
        if (finding) {
            reportViolation(
                `Redshift cluster "${args.name}" sets a ${literalOrStatic(finding)} \`masterPassword\` (${describeFinding(finding)}); remove it and set \`manageMasterPassword: true\` so Redshift keeps and rotates it in Secrets Manager.`,
            );
        }
    }),
};
