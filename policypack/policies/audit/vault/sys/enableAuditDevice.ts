import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "vault-sys-audit-enable-audit-device";
const AUDIT = "vault:index/audit:Audit";
/** The resource part of a Vault type token that configures an auth method or a secrets engine. */
const ENGINE = /AuthBackend|SecretBackend|SecretsMount|^Mount$/;
const SHOWN = 3;

/** True for Vault resources that configure an auth method or a secrets engine. */
function configuresVaultEngine(type: string): boolean {
    if (!type.startsWith("vault:")) {
        return false;
    }
    const resource = type.slice(type.lastIndexOf(":") + 1);
    return ENGINE.test(resource);
}

/**
 * Credentials to personal data are issued by Vault; without an audit device nobody can say who was
 * issued which credential, when (Articles 30 and 32(1)(d)). A stack that configures Vault auth or
 * secrets engines also enables an audit device.
 */
export const enableAuditDevice: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that a stack configuring Vault auth methods or secrets engines also enables a Vault audit device.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("audit", "gdpr-art-30", "gdpr-art-32"),
    remediationSteps:
        'Add a `vault.Audit` resource (e.g. `type: "file"` with `options.file_path`) to the stack that configures Vault.',
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        const engines: PolicyResource[] = [];
        let audited = false;
        for (const r of args.resources) {
            if (r.type === AUDIT) {
                audited = true;
            } else if (configuresVaultEngine(r.type)) {
                engines.push(r);
            }
        }
        if (audited || engines.length === 0) {
            return;
        }
        const shown = engines
            .slice(0, SHOWN)
            .map((r) => `${r.type} "${r.name}"`)
            .join(", ");
        const more = engines.length > SHOWN ? ` and ${engines.length - SHOWN} more` : "";
        reportViolation(
            `The stack configures Vault auth or secrets engines (${shown}${more}) but enables no Vault audit device, so who was issued which credential to personal data is not recorded; add a \`vault.Audit\` resource (e.g. type "file").`,
            engines[0].urn,
        );
    },
};
