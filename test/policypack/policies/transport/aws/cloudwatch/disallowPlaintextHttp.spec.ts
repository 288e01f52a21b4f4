import * as assert from "node:assert/strict";
import { disallowPlaintextHttp } from "../../../../../../policypack/policies/transport/aws/cloudwatch/disallowPlaintextHttp";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:cloudwatch/eventApiDestination:EventApiDestination";
const compliant = {
    connectionArn: "arn:aws:events:eu-west-1:1:connection/x",
    httpMethod: "POST",
    invocationEndpoint: "https://erp.example.com/events",
};

describe("aws-cloudwatch-eventapidestination-disallow-plaintext-http", () => {
    it("accepts an https endpoint", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowPlaintextHttp, {
                    type: TYPE,
                    name: "d",
                    props: compliant,
                })
            ).violations,
            [],
        );
    });

    it("rejects an http endpoint and names it", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "erp",
            props: { ...compliant, invocationEndpoint: "http://erp.example.com/events" },
        });
        assert.deepEqual(out.violations, [
            'EventBridge API destination "erp" invokes "http://erp.example.com/events" over plain HTTP, so event payloads cross the network unencrypted; it should use "https": set `invocationEndpoint` to an `https://` URL.',
        ]);
    });

    it("fails closed on a missing or wrongly typed endpoint", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "erp",
            props: { invocationEndpoint: 42 },
        });
        assert.deepEqual(out.violations, [
            'EventBridge API destination "erp" has no readable `invocationEndpoint` URL, so its transport cannot be verified; it should use "https": set `invocationEndpoint` to an `https://` URL.',
        ]);
    });

    it("leaves an endpoint that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "d",
            props: { ...compliant, invocationEndpoint: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /invocationEndpoint/);
    });
});
