import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { stringList } from "../../../../lib/read";

const NAME = "aws-rds-database-enable-log-exports";
const LABELS: Record<string, string> = {
    "aws:rds/instance:Instance": "RDS DB instance",
    "aws:rds/cluster:Cluster": "RDS DB cluster",
};

/** The log an engine records access in, and what else it needs to record it. */
interface AuditLog {
    /** The `enabledCloudwatchLogsExports` value. */
    log: string;
    /** What must also be configured for the log to record who connected and what they ran. */
    needs: string;
}

/**
 * The export that carries each engine's access trail (AWS's CreateDBInstance / CreateDBCluster
 * reference lists the valid values per engine). RDS for MySQL as a Multi-AZ DB cluster has no
 * `audit` export, so its `general` log is the trail there; SQL Server's audit goes to S3 through
 * the SQLSERVER_AUDIT option, so its `error` log (logins) is what can be exported.
 */
function auditLog(type: string, engine: string): AuditLog | undefined {
    const e = engine.toLowerCase();
    if (e.includes("postgres")) {
        return { log: "postgresql", needs: "`log_connections` and pgAudit in its parameter group" };
    }
    if (e === "mysql" && type === "aws:rds/cluster:Cluster") {
        return { log: "general", needs: "`general_log` in its parameter group" };
    }
    if (e === "mysql" || e === "mariadb") {
        return { log: "audit", needs: "the MARIADB_AUDIT_PLUGIN option in its option group" };
    }
    if (e.startsWith("aurora")) {
        return { log: "audit", needs: "`server_audit_logging` in its cluster parameter group" };
    }
    if (e.startsWith("oracle")) {
        return { log: "audit", needs: "unified auditing" };
    }
    if (e.startsWith("sqlserver")) {
        return { log: "error", needs: "the SQLSERVER_AUDIT option for a full audit" };
    }
    return undefined;
}

/**
 * Who read or changed personal data in a database is the question a breach investigation and a
 * data subject's access request ask first (Articles 30 and 32(1)(d)): RDS instances and Aurora /
 * Multi-AZ clusters export the log that records access to CloudWatch Logs, where it outlives the
 * database and cannot be edited from inside it. The log is the engine's own: `postgresql` for
 * PostgreSQL, `audit` for MySQL, MariaDB, Aurora MySQL and Oracle, `general` for a Multi-AZ MySQL
 * cluster, `error` for SQL Server; for an engine the rule does not know, any export will do. An
 * Aurora cluster's instances take their exports from the cluster, so only the cluster is checked.
 */
export const enableLogExports: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that RDS and Aurora databases export the log that records access to CloudWatch Logs.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("audit", "gdpr-art-30", "gdpr-art-32"),
    remediationSteps:
        'Add the engine\'s access log to `enabledCloudwatchLogsExports` (e.g. `["postgresql"]` for PostgreSQL, `["audit", "error"]` for MySQL) and turn the log on in the parameter or option group.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const label = LABELS[args.type];
        if (label === undefined) {
            return;
        }
        const engine = typeof args.props.engine === "string" ? args.props.engine.trim() : "";
        if (
            args.type === "aws:rds/instance:Instance" &&
            engine.toLowerCase().startsWith("aurora")
        ) {
            args.notApplicable(
                "An Aurora instance exports its logs through its cluster, which is the one checked.",
            );
        }
        const exported = stringList(args.props.enabledCloudwatchLogsExports);
        const want = auditLog(args.type, engine);
        if (want === undefined) {
            if (exported.length === 0) {
                reportViolation(
                    `${label} "${args.name}"${engine ? ` (engine "${engine}")` : ""} exports no logs to CloudWatch Logs (\`enabledCloudwatchLogsExports\` is empty), so there is no trail of who accessed the personal data it holds; add the engine's audit log to \`enabledCloudwatchLogsExports\`.`,
                );
            }
            return;
        }
        if (!exported.some((l) => l.toLowerCase() === want.log)) {
            reportViolation(
                `${label} "${args.name}" (engine "${engine}") ${exported.length > 0 ? `exports only ${exported.map((l) => `"${l}"`).join(", ")} to CloudWatch Logs, not its "${want.log}" log` : "exports no logs to CloudWatch Logs"}, so there is no trail of who accessed the personal data it holds; add "${want.log}" to \`enabledCloudwatchLogsExports\` and turn on ${want.needs}.`,
            );
        }
    },
};
