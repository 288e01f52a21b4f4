import * as assert from "node:assert/strict";
import { disallowPublicAccess } from "../../../../../../policypack/policies/exposure/aws/rds/disallowPublicAccess";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:rds/instance:Instance";

async function check(props: Record<string, any>, type = TYPE) {
    return checkResource(disallowPublicAccess, { type, name: "crm", props });
}

describe("aws-rds-instance-disallow-public-access", () => {
    it("accepts a private RDS instance", async () => {
        assert.deepEqual((await check({ publiclyAccessible: false })).violations, []);
    });

    it("rejects a publicly accessible RDS instance, naming the resource and the property", async () => {
        assert.deepEqual((await check({ publiclyAccessible: true })).violations, [
            'RDS instance "crm" sets publiclyAccessible true, so it gets a public address and anyone on the internet can try to connect to the personal data it holds; keep it inside the VPC: set `publiclyAccessible: false`.',
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

    it("accepts an instance that leaves the default (private) and rejects a public Aurora cluster instance", async () => {
        assert.deepEqual((await check({ engine: "postgres" })).violations, []);
        const out = await check(
            { publiclyAccessible: true, engine: "aurora-mysql" },
            "aws:rds/clusterInstance:ClusterInstance",
        );
        assert.match(
            out.violations[0] ?? "",
            /^RDS cluster instance "crm" sets publiclyAccessible true/,
        );
    });
});
