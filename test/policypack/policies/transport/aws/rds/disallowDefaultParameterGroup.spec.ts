import * as assert from "node:assert/strict";
import { disallowDefaultParameterGroup } from "../../../../../../policypack/policies/transport/aws/rds/disallowDefaultParameterGroup";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:rds/instance:Instance";
const compliant = {
    engine: "mysql",
    instanceClass: "db.t4g.micro",
    parameterGroupName: "crm-db-tls",
};

describe("aws-rds-instance-disallow-default-parameter-group", () => {
    it("is advisory by default", () => {
        assert.equal(disallowDefaultParameterGroup.enforcementLevel, "advisory");
    });

    it("accepts an instance on its own parameter group", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowDefaultParameterGroup, {
                    type: TYPE,
                    name: "db",
                    props: compliant,
                })
            ).violations,
            [],
        );
    });

    it("reports an instance without a parameter group and names the parameter its engine needs", async () => {
        const { parameterGroupName, ...props } = compliant;
        const out = await checkResource(disallowDefaultParameterGroup, {
            type: TYPE,
            name: "db",
            props,
        });
        assert.deepEqual(out.violations, [
            'DB instance "db" (engine "mysql") uses the engine\'s default parameter group, which cannot be changed to require TLS; it should use its own parameter group that sets "require_secure_transport" to "ON".',
        ]);
    });

    it("accepts RDS for PostgreSQL 15 and later on the default group (rds.force_ssl defaults to 1), but not 14, an unset version or Aurora", async () => {
        const run = (props: Record<string, unknown>) =>
            checkResource(disallowDefaultParameterGroup, {
                type: TYPE,
                name: "db",
                props: { instanceClass: "db.t4g.micro", ...props },
            });
        for (const engineVersion of ["15", "15.4", "16.3", 17]) {
            const out = await run({ engine: "postgres", engineVersion });
            assert.deepEqual(out.violations, [], String(engineVersion));
        }
        assert.equal(
            (await run({ engine: "postgres", engineVersion: "14.9" })).violations.length,
            1,
        );
        assert.equal((await run({ engine: "postgres" })).violations.length, 1);
        assert.equal(
            (await run({ engine: "aurora-postgresql", engineVersion: "15.4" })).violations.length,
            1,
        );
    });

    it("reports a cluster on a named default group", async () => {
        const out = await checkResource(disallowDefaultParameterGroup, {
            type: "aws:rds/cluster:Cluster",
            name: "c",
            props: {
                engine: "aurora-postgresql",
                dbClusterParameterGroupName: "default.aurora-postgresql15",
            },
        });
        assert.match(
            out.violations[0],
            /^DB cluster "c" \(engine "aurora-postgresql"\) uses the default parameter group "default.aurora-postgresql15"/,
        );
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(disallowDefaultParameterGroup, {
            type: TYPE,
            name: "db",
            props: { engine: 1, parameterGroupName: [] },
        });
        assert.match(out.violations[0], /that forces TLS\.$/);
    });

    it("leaves a group name that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowDefaultParameterGroup, {
            type: TYPE,
            name: "db",
            props: { ...compliant, parameterGroupName: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
