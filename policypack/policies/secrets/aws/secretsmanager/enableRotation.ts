import type { StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    indexSecrets,
    rotatedSecrets,
    type StackResourceView,
} from "../../../../lib/secrets/secretsManager";

const NAME = "aws-secretsmanager-secret-enable-rotation";

/** A secret that never rotates is a long-lived credential, however well it is stored. */
export const enableRotation: StackValidationPolicy = {
    name: NAME,
    description: "Checks that every Secrets Manager secret of the stack has a rotation configured.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("secrets", "gdpr-art-32"),
    remediationSteps:
        "Add an `aws.secretsmanager.SecretRotation` for the secret (or let RDS manage it with `manageMasterUserPassword`), or issue the credential dynamically from Vault instead.",
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        const resources = args.resources as unknown as StackResourceView[];
        const rotated = rotatedSecrets(resources, indexSecrets(resources));
        for (const r of args.resources) {
            if (r.type !== "aws:secretsmanager/secret:Secret") {
                continue;
            }
            if (!rotated.has(r.urn)) {
                reportViolation(
                    `Secrets Manager secret "${r.name}" has no rotation in this stack, so its value is long-lived; add an \`aws.secretsmanager.SecretRotation\` or issue the credential dynamically from Vault.`,
                    r.urn,
                );
            }
        }
    },
};
