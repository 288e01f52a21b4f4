import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { parseVaultPolicy, vaultPolicyOffences } from "../../../../lib/vaultPolicy";

const NAME = "vault-auth-role-disallow-privileged-policies";

/** Where each kind of Vault login hands out policies. */
function policyLists(type: string): string[] {
    if (type === "vault:index/token:Token") {
        return ["policies"];
    }
    if (type === "vault:tokenauth/authBackendRole:AuthBackendRole") {
        return ["allowedPolicies"];
    }
    if (/^vault:[A-Za-z]+\/[A-Za-z]*:[A-Za-z]*AuthBackendRole$/.test(type)) {
        return ["tokenPolicies"];
    }
    return [];
}

/** `Vault kubernetes auth role "crm-erp-sync"`, from the type token and the role's name. */
function describeRole(r: PolicyResource): string {
    if (r.type === "vault:index/token:Token") {
        return `Vault token "${r.name}"`;
    }
    const module = r.type.split(":")[1]?.split("/")[0] ?? "";
    const method =
        module === "index"
            ? r.type
                  .split(":")[2]
                  ?.replace(/AuthBackendRole$/, "")
                  .toLowerCase()
            : module.toLowerCase();
    const roleName =
        typeof r.props.roleName === "string"
            ? r.props.roleName
            : typeof r.props.role === "string"
              ? r.props.role
              : r.name;
    return `Vault ${method} auth role "${roleName}"`;
}

/**
 * A login hands out only policies that pass the pack (Article 25(2)): never `root`, and never a
 * policy this stack defines with a whole-mount, `*`, `sudo` or `sys/`-write grant. Indexes the
 * stack's policies by Vault name once, then checks each role's list.
 */
export const disallowPrivilegedPolicies: StackValidationPolicy = {
    name: NAME,
    description:
        'Checks that Vault auth roles and tokens do not hand out the "root" policy or a policy of this stack that grants more than its workload needs.',
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("least-privilege", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Remove `root` from the role's policies, and fix the referenced policy so that `vault-sys-policy-disallow-broad-grants` passes (`VaultWorkloadIdentity` writes both the role and the policy).",
    url: ruleUrl(NAME),
    validateStack: async (args, reportViolation) => {
        // Index: Vault policy name -> what is wrong with it (undefined entry: fine).
        const verdicts = new Map<string, string | undefined>();
        for (const r of args.resources) {
            if (r.type !== "vault:index/policy:Policy") {
                continue;
            }
            const name =
                typeof r.props.name === "string" && r.props.name !== "" ? r.props.name : r.name;
            const parsed = await parseVaultPolicy(r.props.policy);
            if (!parsed.ok) {
                verdicts.set(name, "cannot be checked");
                continue;
            }
            const offences = vaultPolicyOffences(parsed.rules).filter(
                (o) => o.level === "mandatory",
            );
            verdicts.set(
                name,
                offences.length
                    ? `grants ${offences
                          .map((o) => `"${o.path}"`)
                          .filter((v, i, a) => a.indexOf(v) === i)
                          .join(", ")} too broadly`
                    : undefined,
            );
        }
        for (const r of args.resources) {
            for (const field of policyLists(r.type)) {
                const list = r.props[field];
                if (!Array.isArray(list)) {
                    continue;
                }
                for (const policy of list) {
                    if (typeof policy !== "string") {
                        continue;
                    }
                    if (policy === "root") {
                        reportViolation(
                            `${describeRole(r)} ${field} include "root"; a login should never hand out unlimited access to Vault, so list only the workload's own policy (VaultWorkloadIdentity does).`,
                            r.urn,
                        );
                    } else if (verdicts.get(policy) !== undefined) {
                        reportViolation(
                            `${describeRole(r)} ${field} include "${policy}", a policy of this stack that ${verdicts.get(policy)}; a login should hand out only least-privilege policies, so fix that policy or list another (VaultWorkloadIdentity does).`,
                            r.urn,
                        );
                    }
                }
            }
        }
    },
};
