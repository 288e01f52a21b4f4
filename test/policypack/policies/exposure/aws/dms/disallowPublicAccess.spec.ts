import * as assert from "node:assert/strict";
import { disallowPublicAccess } from "../../../../../../policypack/policies/exposure/aws/dms/disallowPublicAccess";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:dms/replicationInstance:ReplicationInstance";

async function check(props: Record<string, any>, type = TYPE) {
    return checkResource(disallowPublicAccess, { type, name: "crm", props });
}

describe("aws-dms-replicationinstance-disallow-public-access", () => {
    it("accepts a private DMS replication instance", async () => {
        assert.deepEqual((await check({ publiclyAccessible: false })).violations, []);
    });

    it("rejects a publicly accessible DMS replication instance, naming the resource and the property", async () => {
        assert.deepEqual((await check({ publiclyAccessible: true })).violations, [
            'DMS replication instance "crm" sets publiclyAccessible true, so it gets a public address and anyone on the internet can try to connect to the personal data it holds; keep it inside the VPC: set `publiclyAccessible: false`.',
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

    it("rejects an instance that leaves the flag unset, because AWS then makes it public", async () => {
        assert.deepEqual((await check({ replicationInstanceClass: "dms.t3.micro" })).violations, [
            'DMS replication instance "crm" leaves publiclyAccessible unset, which AWS defaults to true, so it gets a public address and anyone on the internet can try to connect to the personal data it holds; keep it inside the VPC: set `publiclyAccessible: false`.',
        ]);
    });
});
