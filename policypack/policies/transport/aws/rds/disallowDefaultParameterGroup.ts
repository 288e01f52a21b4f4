import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { sslParameter } from "../../../../lib/rds";

const NAME = "aws-rds-instance-disallow-default-parameter-group";

const TYPES: Record<string, { prop: string; label: string }> = {
    "aws:rds/instance:Instance": { prop: "parameterGroupName", label: "DB instance" },
    "aws:rds/cluster:Cluster": { prop: "dbClusterParameterGroupName", label: "DB cluster" },
};

/** The major version of an `engineVersion` ("15", "15.4" → 15); 0 when it cannot be read. */
function majorVersion(value: unknown): number {
    const m =
        typeof value === "string" || typeof value === "number"
            ? /^(\d+)/.exec(String(value))
            : null;
    return m ? Number(m[1]) : 0;
}

/**
 * The default parameter groups of most engines accept plaintext connections, and cannot be changed
 * (Article 32(1)(a)): a database on one cannot be made to require TLS. Advisory, because recent
 * PostgreSQL defaults do force TLS.
 */
export const disallowDefaultParameterGroup: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that RDS instances and clusters use their own parameter group rather than an engine default.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        "Create an `aws.rds.ParameterGroup` (or `ClusterParameterGroup`) that forces TLS and set the database's parameter group name to it.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const t = TYPES[args.type];
        if (!t) {
            return;
        }
        const group = args.props[t.prop];
        if (typeof group === "string" && group !== "" && !group.startsWith("default.")) {
            return;
        }
        const engine = typeof args.props.engine === "string" ? args.props.engine : undefined;
        if (engine?.toLowerCase() === "postgres" && majorVersion(args.props.engineVersion) >= 15) {
            // RDS for PostgreSQL 15 and later defaults `rds.force_ssl` to 1: the default group
            // already refuses plaintext connections.
            return;
        }
        const param = engine ? sslParameter(engine) : undefined;
        const which =
            typeof group === "string" && group !== ""
                ? `the default parameter group "${group}"`
                : "the engine's default parameter group";
        const fix = param ? `that sets "${param.name}" to "${param.set}"` : "that forces TLS";
        reportViolation(
            `${t.label} "${args.name}"${engine ? ` (engine "${engine}")` : ""} uses ${which}, which cannot be changed to require TLS; it should use its own parameter group ${fix}.`,
        );
    },
};
