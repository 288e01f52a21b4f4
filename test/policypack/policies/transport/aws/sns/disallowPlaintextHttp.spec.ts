import * as assert from "node:assert/strict";
import { disallowPlaintextHttp } from "../../../../../../policypack/policies/transport/aws/sns/disallowPlaintextHttp";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:sns/topicSubscription:TopicSubscription";
const compliant = {
    topic: "arn:aws:sns:eu-west-1:1:crm",
    protocol: "https",
    endpoint: "https://erp.example.com/hooks/crm",
};

describe("aws-sns-topicsubscription-disallow-plaintext-http", () => {
    it("accepts an https subscription", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowPlaintextHttp, {
                    type: TYPE,
                    name: "s",
                    props: compliant,
                })
            ).violations,
            [],
        );
    });

    it("rejects an http subscription and names its endpoint without credentials", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "erp-hook",
            props: {
                ...compliant,
                protocol: "http",
                endpoint: "http://user:pw@erp.example.com/hooks/crm",
            },
        });
        assert.deepEqual(out.violations, [
            'SNS topic subscription "erp-hook" delivers messages over plain HTTP to "http://***@erp.example.com/hooks/crm", so personal data in them crosses the network unencrypted; it should use "https": set `protocol: "https"` and an `https://` endpoint.',
        ]);
    });

    it("ignores other protocols such as sqs and lambda", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "s",
            props: { protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:1:q" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "s",
            props: { protocol: "HTTP", endpoint: 3 },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves an endpoint that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "s",
            props: { ...compliant, endpoint: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /endpoint/);
    });
});
