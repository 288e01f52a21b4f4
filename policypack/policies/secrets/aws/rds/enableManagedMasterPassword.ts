import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { describeFinding, literalOrStatic } from "../../../../lib/secrets/detector";
import { scanCredentialField } from "../../../../lib/secrets/findings";

const NAME = "aws-rds-instance-enable-managed-master-password";

/** The password field of each RDS type. */
const FIELDS: Record<string, { kind: string; field: string }> = {
    "aws:rds/instance:Instance": { kind: "RDS instance", field: "password" },
    "aws:rds/cluster:Cluster": { kind: "RDS cluster", field: "masterPassword" },
};

/**
 * A master password written in the program never rotates and lives in the state. RDS can keep it
 * in Secrets Manager and rotate it (`manageMasterUserPassword`); the sync itself gets dynamic
 * database credentials from Vault.
 */
export const enableManagedMasterPassword: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that RDS instances and clusters let RDS manage the master password instead of setting a literal one.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `password`/`masterPassword` and set `manageMasterUserPassword: true`; give applications dynamic credentials from Vault's database secrets engine.",
    url: ruleUrl(NAME),
    validateResource: async (args, reportViolation) => {
        const spec = FIELDS[args.type];
        if (!spec) {
            return;
        }
        const finding = await scanCredentialField(args.props[spec.field], spec.field);
        if (finding) {
            reportViolation(
                `${spec.kind} "${args.name}" sets a ${literalOrStatic(finding)} \`${spec.field}\` (${describeFinding(finding)}); remove it and set \`manageMasterUserPassword: true\` so RDS keeps and rotates it in Secrets Manager.`,
            );
        }
    },
};
