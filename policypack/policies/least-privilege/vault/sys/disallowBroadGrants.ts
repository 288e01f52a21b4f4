import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    parseVaultPolicy,
    vaultPolicyName,
    vaultPolicyOffences,
} from "../../../../lib/vaultPolicy";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-sys-policy-disallow-broad-grants";

/**
 * A workload's Vault policy reads the workload's own secrets and nothing else (Article 25(2)):
 * no whole-mount globs, no `*` or `sudo` capabilities, no writes under `sys/` or `auth/`.
 */
export const disallowBroadGrants: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that Vault policies grant no whole-mount paths, no "*", "sudo" or "root" capabilities, and no writes under "sys/" or "auth/".',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        'Write one `path` block per secret the workload reads (e.g. `path "database/creds/<role>" { capabilities = ["read"] }`); `VaultWorkloadIdentity` writes such a policy.',
    url: ruleUrl(NAME),
    validateResource: ofType("vault:index/policy:Policy", async (args, reportViolation) => {
        const name = vaultPolicyName(args.props, args.name);
        const parsed = await parseVaultPolicy(args.props.policy);
        if (!parsed.ok) {
            reportViolation(
                `Vault policy "${name}" cannot be checked: ${parsed.error.replace(/\.$/, "")}; write it as HCL or JSON path blocks so it can be verified.`,
            );
            return;
        }
        for (const o of vaultPolicyOffences(parsed.rules)) {
            if (o.level === "mandatory") {
                reportViolation(
                    `Vault policy "${name}" path "${o.path}" ${o.reason}, so narrow it (VaultWorkloadIdentity does).`,
                );
            }
        }
    }),
};
