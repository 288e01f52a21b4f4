import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    parseVaultPolicy,
    vaultPolicyName,
    vaultPolicyOffences,
} from "../../../../lib/vaultPolicy";
import { ofType } from "../../../../lib/ofType";

const NAME = "vault-sys-policy-disallow-tenant-wildcards";

/**
 * A `+` segment (`secret/data/+/crm`) matches every tenant's path at that level, so one team's
 * policy reads another's data (Article 25(2)). Advisory: shared layouts sometimes need it, and the
 * pack cannot know which segment names a tenant. Unreadable policies are reported by
 * `vault-sys-policy-disallow-broad-grants`.
 */
export const disallowTenantWildcards: ResourceValidationPolicy = {
    name: NAME,
    description:
        'Checks that Vault policy paths do not use "+" segments that match other tenants\' paths.',
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("least-privilege", "gdpr-art-25"),
    remediationSteps:
        "Replace the `+` segment with the workload's own tenant, team or application segment.",
    url: ruleUrl(NAME),
    validateResource: ofType("vault:index/policy:Policy", async (args, reportViolation) => {
        const parsed = await parseVaultPolicy(args.props.policy);
        if (!parsed.ok) {
            return;
        }
        const name = vaultPolicyName(args.props, args.name);
        for (const o of vaultPolicyOffences(parsed.rules)) {
            if (o.level === "advisory") {
                reportViolation(
                    `Vault policy "${name}" path "${o.path}" ${o.reason}, so replace the "+" with it (VaultWorkloadIdentity does).`,
                );
            }
        }
    }),
};
