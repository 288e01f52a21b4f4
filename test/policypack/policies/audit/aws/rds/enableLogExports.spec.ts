import * as assert from "node:assert/strict";
import { enableLogExports } from "../../../../../../policypack/policies/audit/aws/rds/enableLogExports";
import { checkResource, unknown } from "../../../../harness";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const check = (type: string, props: Record<string, any>) =>
    checkResource(enableLogExports, { type, name: "crm", props });

describe("aws-rds-database-enable-log-exports", () => {
    it("accepts each engine exporting its access log", async () => {
        const cases: [string, string, string[]][] = [
            [INSTANCE, "postgres", ["postgresql"]],
            [CLUSTER, "aurora-postgresql", ["postgresql"]],
            [INSTANCE, "mysql", ["audit", "error"]],
            [INSTANCE, "mariadb", ["audit"]],
            [CLUSTER, "aurora-mysql", ["audit", "slowquery"]],
            [CLUSTER, "mysql", ["general"]],
            [INSTANCE, "oracle-ee", ["audit", "alert"]],
            [INSTANCE, "sqlserver-se", ["error", "agent"]],
            [INSTANCE, "db2-se", ["diag.log"]],
        ];
        for (const [type, engine, logs] of cases) {
            const out = await check(type, { engine, enabledCloudwatchLogsExports: logs });
            assert.deepEqual(out.violations, [], `${type} ${engine}`);
        }
    });

    it("reports a PostgreSQL instance exporting nothing, naming the log and what turns it on", async () => {
        const out = await check(INSTANCE, { engine: "postgres" });
        assert.deepEqual(out.violations, [
            'RDS DB instance "crm" (engine "postgres") exports no logs to CloudWatch Logs, so there is no trail of who accessed the personal data it holds; add "postgresql" to `enabledCloudwatchLogsExports` and turn on `log_connections` and pgAudit in its parameter group.',
        ]);
    });

    it("reports a MySQL instance that exports only the error and slow-query logs (no access trail)", async () => {
        const out = await check(INSTANCE, {
            engine: "mysql",
            enabledCloudwatchLogsExports: ["error", "slowquery"],
        });
        assert.deepEqual(out.violations, [
            'RDS DB instance "crm" (engine "mysql") exports only "error", "slowquery" to CloudWatch Logs, not its "audit" log, so there is no trail of who accessed the personal data it holds; add "audit" to `enabledCloudwatchLogsExports` and turn on the MARIADB_AUDIT_PLUGIN option in its option group.',
        ]);
    });

    it("asks a Multi-AZ MySQL cluster for its general log (it has no audit export)", async () => {
        const out = await check(CLUSTER, {
            engine: "mysql",
            enabledCloudwatchLogsExports: ["error"],
        });
        assert.match(out.violations[0], /not its "general" log/);
    });

    it("asks an engine it does not know for any export", async () => {
        const none = await check(INSTANCE, { engine: "custom-oracle-ee" });
        assert.deepEqual(none.violations, [
            'RDS DB instance "crm" (engine "custom-oracle-ee") exports no logs to CloudWatch Logs (`enabledCloudwatchLogsExports` is empty), so there is no trail of who accessed the personal data it holds; add the engine\'s audit log to `enabledCloudwatchLogsExports`.',
        ]);
        const some = await check(INSTANCE, { enabledCloudwatchLogsExports: ["alert"] });
        assert.deepEqual(some.violations, []);
    });

    it("leaves an Aurora instance to its cluster", async () => {
        const out = await check(INSTANCE, { engine: "aurora-mysql" });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /cluster/);
    });

    it("reads a wrongly typed export list as empty", async () => {
        const out = await check(INSTANCE, {
            engine: "postgres",
            enabledCloudwatchLogsExports: "postgresql",
        });
        assert.equal(out.violations.length, 1);
        const mixed = await check(INSTANCE, {
            engine: "postgres",
            enabledCloudwatchLogsExports: [3, "postgresql"],
        });
        assert.deepEqual(mixed.violations, []);
    });

    it("leaves an export list unknown during preview to the framework", async () => {
        const out = await check(INSTANCE, {
            engine: "postgres",
            enabledCloudwatchLogsExports: unknown.array,
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /enabledCloudwatchLogsExports/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual(
            (await check("aws:rds/clusterInstance:ClusterInstance", {})).violations,
            [],
        );
    });
});
