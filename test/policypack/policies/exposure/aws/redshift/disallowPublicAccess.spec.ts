import * as assert from "node:assert/strict";
import { disallowPublicAccess } from "../../../../../../policypack/policies/exposure/aws/redshift/disallowPublicAccess";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:redshift/cluster:Cluster";

async function check(props: Record<string, any>, type = TYPE) {
    return checkResource(disallowPublicAccess, { type, name: "crm", props });
}

describe("aws-redshift-cluster-disallow-public-access", () => {
    it("accepts a private Redshift cluster", async () => {
        assert.deepEqual((await check({ publiclyAccessible: false })).violations, []);
    });

    it("rejects a publicly accessible Redshift cluster, naming the resource and the property", async () => {
        assert.deepEqual((await check({ publiclyAccessible: true })).violations, [
            'Redshift cluster "crm" sets publiclyAccessible true, so it gets a public address and anyone on the internet can try to connect to the personal data it holds; keep it inside the VPC: set `publiclyAccessible: false`.',
        ]);
    });

    it("reads the flag written as a string", async () => {
        assert.equal((await check({ publiclyAccessible: "true" })).violations.length, 1);
        assert.deepEqual((await check({ publiclyAccessible: "no" })).violations, []);
    });

    it("leaves a flag that is unknown during preview to the framework", async () => {
        const out = await check({ publiclyAccessible: unknown.boolean });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /publiclyAccessible/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual(
            (await check({ publiclyAccessible: true }, "aws:mq/broker:Broker")).violations,
            [],
        );
    });

    it("accepts a cluster that leaves the flag unset (false since provider v7)", async () => {
        assert.deepEqual((await check({ clusterIdentifier: "crm" })).violations, []);
    });
});
