import * as assert from "node:assert/strict";
import { sslParameter } from "../../../../../../policypack/lib/rds";
import { enforceSslConnections } from "../../../../../../policypack/policies/transport/aws/rds/enforceSslConnections";
import { checkStack, unknown, urn } from "../../../../harness";

const PG = "aws:rds/parameterGroup:ParameterGroup";
const CPG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const INSTANCE = "aws:rds/instance:Instance";
const group = (parameters: unknown, family: unknown = "postgres16", name = "crm-db") => ({
    type: PG,
    name,
    props: { name, family, parameters },
});
const instance = (parameterGroupName: unknown = "crm-db") => ({
    type: INSTANCE,
    name: "crm",
    props: { engine: "postgres", instanceClass: "db.t4g.micro", parameterGroupName },
});

describe("aws-rds-parametergroup-enforce-ssl-connections", () => {
    it("accepts a PostgreSQL group used by an instance that sets rds.force_ssl=1", async () => {
        const out = await checkStack(enforceSslConnections, [
            group([{ name: "rds.force_ssl", value: "1" }]),
            instance(),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects a PostgreSQL group that does not set rds.force_ssl and names its user", async () => {
        const out = await checkStack(enforceSslConnections, [
            group([{ name: "log_connections", value: "1" }]),
            instance(),
        ]);
        assert.deepEqual(out.violations, [
            'RDS parameter group "crm-db" (family "postgres16", used by DB instance "crm") does not set "rds.force_ssl", so clients may connect without TLS; it should force TLS: set "rds.force_ssl" to "1".',
        ]);
        assert.deepEqual(out.urns, [urn(PG, "crm-db")]);
    });

    it("rejects rds.force_ssl=0", async () => {
        const out = await checkStack(enforceSslConnections, [
            group([{ name: "rds.force_ssl", value: "0" }]),
            instance(),
        ]);
        assert.match(out.violations[0], /sets "rds.force_ssl" to "0"/);
    });

    it("checks an Aurora MySQL cluster parameter group for require_secure_transport", async () => {
        const cpg = {
            type: CPG,
            name: "aurora",
            props: {
                name: "aurora",
                family: "aurora-mysql8.0",
                parameters: [{ name: "require_secure_transport", value: "OFF" }],
            },
        };
        const cluster = {
            type: "aws:rds/cluster:Cluster",
            name: "c",
            props: { engine: "aurora-mysql", dbClusterParameterGroupName: "aurora" },
        };
        const out = await checkStack(enforceSslConnections, [cpg, cluster]);
        assert.deepEqual(out.violations, [
            'RDS parameter group "aurora" (family "aurora-mysql8.0", used by DB cluster "c") sets "require_secure_transport" to "OFF", so clients may connect without TLS; it should force TLS: set "require_secure_transport" to "ON".',
        ]);
        const on = await checkStack(enforceSslConnections, [
            {
                ...cpg,
                props: {
                    ...cpg.props,
                    parameters: [{ name: "require_secure_transport", value: "on" }],
                },
            },
            cluster,
        ]);
        assert.deepEqual(on.violations, []);
    });

    it("finds the group through a property dependency when the name is auto-generated", async () => {
        const g = { type: PG, name: "auto", props: { family: "postgres16", parameters: [] } };
        const out = await checkStack(enforceSslConnections, [
            g,
            {
                ...instance("auto-1a2b3c"),
                propertyDependencies: { parameterGroupName: [urn(PG, "auto")] },
            },
        ]);
        assert.equal(out.violations.length, 1);
    });

    it("ignores groups no database in the stack uses and engines without such a parameter", async () => {
        const out = await checkStack(enforceSslConnections, [
            group([]),
            group([], "oracle-ee-19", "ora"),
            { ...instance("ora") },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("fails closed on a used group without a readable family and reads wrong types without throwing", async () => {
        const out = await checkStack(enforceSslConnections, [group("x", 7), instance()]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /has no readable `family`/);
        const junk = await checkStack(enforceSslConnections, [
            group([null, { name: 3 }]),
            instance(5),
        ]);
        assert.deepEqual(junk.violations, []);
    });

    it("leaves a value that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkStack(enforceSslConnections, [
            group([{ name: "rds.force_ssl", value: unknown.string }]),
            instance(),
        ]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("knows which parameter forces TLS per family", () => {
        assert.equal(sslParameter("aurora-postgresql15")?.name, "rds.force_ssl");
        assert.equal(sslParameter("mariadb10.11")?.name, "require_secure_transport");
        assert.equal(sslParameter("sqlserver-se-15.0")?.name, "rds.force_ssl");
        assert.equal(sslParameter("oracle-ee-19"), undefined);
    });
});
