import * as assert from "node:assert/strict";
import { enforceSslConnections } from "../../../../../../policypack/policies/transport/aws/redshift/enforceSslConnections";
import { checkResource, unknown } from "../../../../harness";

const PG = "aws:redshift/parameterGroup:ParameterGroup";
const CLUSTER = "aws:redshift/cluster:Cluster";

describe("aws-redshift-parametergroup-enforce-ssl-connections", () => {
    it("accepts a parameter group with require_ssl true and a cluster using it", async () => {
        const g = await checkResource(enforceSslConnections, {
            type: PG,
            name: "wh",
            props: { family: "redshift-1.0", parameters: [{ name: "require_ssl", value: "true" }] },
        });
        assert.deepEqual(g.violations, []);
        const c = await checkResource(enforceSslConnections, {
            type: CLUSTER,
            name: "wh",
            props: { clusterParameterGroupName: "wh" },
        });
        assert.deepEqual(c.violations, []);
    });

    it("rejects a parameter group with require_ssl false", async () => {
        const out = await checkResource(enforceSslConnections, {
            type: PG,
            name: "wh",
            props: { parameters: [{ name: "require_ssl", value: "false" }] },
        });
        assert.deepEqual(out.violations, [
            'Redshift parameter group "wh" sets "require_ssl" to "false", so clients may connect without TLS; it should force TLS: set "require_ssl" to "true".',
        ]);
    });

    it("rejects a cluster on the default parameter group", async () => {
        const out = await checkResource(enforceSslConnections, {
            type: CLUSTER,
            name: "wh",
            props: {},
        });
        assert.deepEqual(out.violations, [
            'Redshift cluster "wh" uses the default parameter group, where "require_ssl" is "false", so clients may connect without TLS; it should use a parameter group that sets "require_ssl" to "true".',
        ]);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(enforceSslConnections, {
            type: PG,
            name: "wh",
            props: { parameters: "require_ssl=true" },
        });
        assert.match(out.violations[0], /does not set "require_ssl"/);
    });

    it("leaves a value that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceSslConnections, {
            type: PG,
            name: "wh",
            props: { parameters: [{ name: "require_ssl", value: unknown.string }] },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
