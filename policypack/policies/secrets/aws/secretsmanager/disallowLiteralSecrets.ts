import type { StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    indexSecrets,
    rotatedSecrets,
    secretIdTarget,
    type StackResourceView,
} from "../../../../lib/secrets/secretsManager";

const NAME = "aws-secretsmanager-secretversion-disallow-literal-secrets";

/**
 * A `secretString` written by the program is in the program and the state, unlike one Secrets
 * Manager generates or rotates. When the stack configures the secret's rotation the literal is
 * advisory rather than mandatory: the first rotation replaces the live value, but the literal stays
 * in the program, the state and their history, and is valid until that rotation runs.
 */
export const disallowLiteralSecrets: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that Secrets Manager secret versions are not written with a literal value (advisory when rotation replaces it).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("secrets", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Do not set `secretString`/`secretBinary` in the program; let a rotation Lambda (`aws.secretsmanager.SecretRotation`) or the owning service (RDS `manageMasterUserPassword`) write the value, or keep the secret in Vault.",
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        const resources = args.resources as unknown as StackResourceView[];
        const secrets = indexSecrets(resources);
        const rotated = rotatedSecrets(resources, secrets);
        for (const r of args.resources) {
            if (r.type !== "aws:secretsmanager/secretVersion:SecretVersion") {
                continue;
            }
            const fields = ["secretString", "secretBinary"].filter(
                (f) => typeof r.props[f] === "string" && r.props[f] !== "",
            );
            if (fields.length === 0) {
                continue;
            }
            const target = secretIdTarget(r as unknown as StackResourceView, secrets);
            const isRotated = target !== undefined && rotated.has(target);
            for (const field of fields) {
                if (isRotated) {
                    // The object form of reportViolation sets this one violation's level; the
                    // server ignores the second argument for it, so the URN goes in the object.
                    const violation = {
                        message: `Secret version "${r.name}" writes a literal \`${field}\`: rotation replaces it, but until the first rotation runs it is the live secret, and it stays in the program and the state; drop it and let the rotation (\`rotateImmediately\`) write the first value, or keep the secret in Vault.`,
                        enforcementLevel: "advisory",
                        urn: r.urn,
                    };
                    reportViolation(violation as any, r.urn);
                    continue;
                }
                reportViolation(
                    `Secret version "${r.name}" writes a literal \`${field}\` that nothing rotates, so the secret lives on in the program and the state; let rotation or the owning service write it (RDS \`manageMasterUserPassword\`), or keep it in Vault.`,
                    r.urn,
                );
            }
        }
    },
};
