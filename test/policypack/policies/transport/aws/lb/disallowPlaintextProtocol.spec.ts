import * as assert from "node:assert/strict";
import { disallowPlaintextProtocol } from "../../../../../../policypack/policies/transport/aws/lb/disallowPlaintextProtocol";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:lb/targetGroup:TargetGroup";
const compliant = { port: 8443, protocol: "HTTPS", vpcId: "vpc-1" };

describe("aws-lb-targetgroup-disallow-plaintext-protocol", () => {
    it("is advisory by default", () => {
        assert.equal(disallowPlaintextProtocol.enforcementLevel, "advisory");
    });

    it("accepts HTTPS and TLS target groups", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowPlaintextProtocol, {
                    type: TYPE,
                    name: "tg",
                    props: compliant,
                })
            ).violations,
            [],
        );
        const tls = await checkResource(disallowPlaintextProtocol, {
            type: "aws:alb/targetGroup:TargetGroup",
            name: "tg",
            props: { ...compliant, protocol: "TLS" },
        });
        assert.deepEqual(tls.violations, []);
    });

    it("reports an HTTP target group and names the port", async () => {
        const out = await checkResource(disallowPlaintextProtocol, {
            type: TYPE,
            name: "sync-api",
            props: { ...compliant, port: 8080, protocol: "HTTP" },
        });
        assert.deepEqual(out.violations, [
            'Target group "sync-api" port 8080 reaches its targets over "HTTP", so personal data crosses the VPC in plaintext; it should use "HTTPS": serve TLS on the targets and set `protocol: "HTTPS"`.',
        ]);
    });

    it("reports a TCP target group and suggests TLS", async () => {
        const out = await checkResource(disallowPlaintextProtocol, {
            type: TYPE,
            name: "nlb",
            props: { ...compliant, protocol: "tcp" },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /over "TCP".*should use "TLS"/);
    });

    it("ignores Lambda target groups without a protocol and wrongly typed fields", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowPlaintextProtocol, {
                    type: TYPE,
                    name: "fn",
                    props: { targetType: "lambda" },
                })
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await checkResource(disallowPlaintextProtocol, {
                    type: TYPE,
                    name: "x",
                    props: { protocol: 80 },
                })
            ).violations,
            [],
        );
    });

    it("leaves a protocol that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowPlaintextProtocol, {
            type: TYPE,
            name: "tg",
            props: { ...compliant, protocol: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /protocol/);
    });
});
