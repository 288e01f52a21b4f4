import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { GROUP_TYPES, USERS, sslParameter } from "../../../../lib/rds";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "aws-rds-parametergroup-enforce-ssl-connections";

/**
 * A database holding personal data accepts connections only over TLS (Article 32(1)(a)): every RDS /
 * Aurora parameter group of the stack that an instance or cluster uses sets `rds.force_ssl=1`
 * (PostgreSQL, SQL Server) or `require_secure_transport=ON` (MySQL, MariaDB).
 */
export const enforceSslConnections: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that RDS and Aurora parameter groups used by the stack's databases force TLS connections.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Add `{ name: "rds.force_ssl", value: "1" }` (PostgreSQL, SQL Server) or `{ name: "require_secure_transport", value: "ON" }` (MySQL, MariaDB) to the parameter group\'s `parameters`.',
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        const byName = new Map<string, PolicyResource>();
        const byUrn = new Map<string, PolicyResource>();
        for (const r of args.resources) {
            if (GROUP_TYPES.has(r.type)) {
                byUrn.set(r.urn, r);
                const n = r.props.name;
                byName.set(typeof n === "string" && n !== "" ? n : r.name, r);
            }
        }
        if (byUrn.size === 0) {
            return;
        }
        // Parameter group URN → the databases that use it.
        const users = new Map<string, string[]>();
        for (const r of args.resources) {
            const use = USERS[r.type];
            if (!use) {
                continue;
            }
            const found = new Set<string>();
            const ref = r.props[use.prop];
            if (typeof ref === "string" && byName.has(ref)) {
                found.add(byName.get(ref)!.urn);
            }
            for (const d of r.propertyDependencies?.[use.prop] ?? []) {
                if (d && byUrn.has(d.urn)) {
                    found.add(d.urn);
                }
            }
            for (const urn of found) {
                users.set(urn, [...(users.get(urn) ?? []), `${use.label} "${r.name}"`]);
            }
        }
        for (const [urn, databases] of users) {
            const group = byUrn.get(urn)!;
            const family = group.props.family;
            const subject = `RDS parameter group "${group.name}"`;
            const usedBy = `used by ${databases.join(", ")}`;
            const param = typeof family === "string" ? sslParameter(family) : undefined;
            if (typeof family !== "string") {
                reportViolation(
                    `${subject} (${usedBy}) has no readable \`family\`, so whether it forces TLS cannot be verified; it should name its engine family and force TLS.`,
                    urn,
                );
                continue;
            }
            if (!param) {
                continue;
            }
            const entry = asArray(group.props.parameters)
                .map((p) => asObject(p))
                .find((p) => typeof p.name === "string" && p.name.toLowerCase() === param.name);
            const value = entry?.value;
            const on =
                (typeof value === "string" || typeof value === "number") &&
                param.values.includes(String(value).toUpperCase());
            if (on) {
                continue;
            }
            const what = entry
                ? `sets "${param.name}" to "${String(value)}"`
                : `does not set "${param.name}"`;
            reportViolation(
                `${subject} (family "${family}", ${usedBy}) ${what}, so clients may connect without TLS; it should force TLS: set "${param.name}" to "${param.set}".`,
                urn,
            );
        }
    },
};
