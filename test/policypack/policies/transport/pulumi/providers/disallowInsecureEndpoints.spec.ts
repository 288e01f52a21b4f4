import * as assert from "node:assert/strict";
import { disallowInsecureEndpoints } from "../../../../../../policypack/policies/transport/pulumi/providers/disallowInsecureEndpoints";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "pulumi:providers:aws";
const compliant = {
    region: "eu-west-1",
    endpoints: JSON.stringify([{ sqs: "https://sqs.eu-west-1.amazonaws.com" }]),
};

describe("pulumi-providers-aws-disallow-insecure-endpoints", () => {
    it("accepts https endpoints given as a JSON string and no insecure flag", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowInsecureEndpoints, {
                    type: TYPE,
                    name: "default",
                    props: compliant,
                })
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await checkResource(disallowInsecureEndpoints, {
                    type: TYPE,
                    name: "default",
                    props: { region: "eu-west-1", insecure: "false" },
                })
            ).violations,
            [],
        );
    });

    it("rejects an http endpoint given as objects and names the service", async () => {
        const out = await checkResource(disallowInsecureEndpoints, {
            type: TYPE,
            name: "local",
            props: {
                endpoints: [
                    { sqs: "http://localstack.internal:4566", s3: "https://s3.example.com" },
                ],
            },
        });
        assert.deepEqual(out.violations, [
            'AWS provider "local" endpoint "sqs" is "http://localstack.internal:4566", not an `https://` URL, so its API calls cross the network in plaintext; it should use "https".',
        ]);
    });

    it("rejects insecure true as a config string", async () => {
        const out = await checkResource(disallowInsecureEndpoints, {
            type: TYPE,
            name: "default",
            props: { ...compliant, insecure: "true" },
        });
        assert.deepEqual(out.violations, [
            'AWS provider "default" sets insecure true, so it skips TLS certificate verification for every AWS API call; it should verify: remove `aws:insecure`.',
        ]);
    });

    it("fails closed on endpoints that do not parse and reads wrong types without throwing", async () => {
        const bad = await checkResource(disallowInsecureEndpoints, {
            type: TYPE,
            name: "p",
            props: { endpoints: "[{sqs:" },
        });
        assert.match(bad.violations[0], /could not be parsed/);
        const junk = await checkResource(disallowInsecureEndpoints, {
            type: TYPE,
            name: "p",
            props: { endpoints: [null, 3, { sqs: 5 }] },
        });
        assert.deepEqual(junk.violations, []);
    });

    it("leaves endpoints that are unknown during preview to the framework instead of reporting them", async () => {
        const out = await checkResource(disallowInsecureEndpoints, {
            type: TYPE,
            name: "p",
            props: { endpoints: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /endpoints/);
    });
});
