import * as assert from "node:assert/strict";
import { disallowPublicAccess } from "../../../../../../policypack/policies/transport/aws/mq/disallowPublicAccess";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:mq/broker:Broker";
const compliant = { brokerName: "sync", engineType: "RabbitMQ", publiclyAccessible: false };

describe("aws-mq-broker-disallow-public-access", () => {
    it("accepts a private broker and one that leaves the default", async () => {
        assert.deepEqual(
            (await checkResource(disallowPublicAccess, { type: TYPE, name: "b", props: compliant }))
                .violations,
            [],
        );
        assert.deepEqual(
            (
                await checkResource(disallowPublicAccess, {
                    type: TYPE,
                    name: "b",
                    props: { brokerName: "sync" },
                })
            ).violations,
            [],
        );
    });

    it("rejects a publicly accessible broker", async () => {
        const out = await checkResource(disallowPublicAccess, {
            type: TYPE,
            name: "sync",
            props: { ...compliant, publiclyAccessible: true },
        });
        assert.deepEqual(out.violations, [
            'Amazon MQ broker "sync" sets publiclyAccessible true, so its endpoints accept connections from the internet; it should be reachable only inside the VPC: set `publiclyAccessible: false`.',
        ]);
    });

    it("reads a wrongly typed flag without throwing", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowPublicAccess, {
                    type: TYPE,
                    name: "b",
                    props: { publiclyAccessible: "no" },
                })
            ).violations,
            [],
        );
    });

    it("leaves a flag that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowPublicAccess, {
            type: TYPE,
            name: "b",
            props: { publiclyAccessible: unknown.boolean },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /publiclyAccessible/);
    });
});
