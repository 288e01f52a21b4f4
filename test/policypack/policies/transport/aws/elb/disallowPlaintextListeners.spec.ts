import * as assert from "node:assert/strict";
import { disallowPlaintextListeners } from "../../../../../../policypack/policies/transport/aws/elb/disallowPlaintextListeners";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:elb/loadBalancer:LoadBalancer";
const https = {
    lbProtocol: "https",
    lbPort: 443,
    instanceProtocol: "http",
    instancePort: 8080,
    sslCertificateId: "arn:aws:acm:eu-west-1:1:certificate/x",
};

async function check(props: Record<string, any>) {
    return checkResource(disallowPlaintextListeners, { type: TYPE, name: "web", props });
}

describe("aws-elb-loadbalancer-disallow-plaintext-listeners", () => {
    it("accepts HTTPS and SSL listeners", async () => {
        const props = { listeners: [https, { ...https, lbProtocol: "SSL", lbPort: 993 }] };
        assert.deepEqual((await check(props)).violations, []);
    });

    it("rejects an internet-facing HTTP listener, naming it and its port", async () => {
        const out = await check({
            listeners: [
                https,
                { lbProtocol: "http", lbPort: 80, instanceProtocol: "http", instancePort: 8080 },
            ],
        });
        assert.deepEqual(out.violations, [
            'Classic Load Balancer "web" listeners[1] accepts HTTP port 80 from the internet without TLS, so personal data crosses the network in plaintext; make it `lbProtocol: "https"` on 443 with an ACM `sslCertificateId`.',
        ]);
    });

    it("rejects plaintext TCP, and accepts TCP on 443 as TLS passed through", async () => {
        assert.equal(
            (
                await check({
                    listeners: [
                        {
                            lbProtocol: "TCP",
                            lbPort: 5432,
                            instanceProtocol: "tcp",
                            instancePort: 5432,
                        },
                    ],
                })
            ).violations.length,
            1,
        );
        assert.deepEqual(
            (
                await check({
                    listeners: [
                        {
                            lbProtocol: "tcp",
                            lbPort: 443,
                            instanceProtocol: "tcp",
                            instancePort: 443,
                        },
                    ],
                })
            ).violations,
            [],
        );
    });

    it("accepts plaintext listeners on an internal load balancer", async () => {
        const props = { internal: true, listeners: [{ lbProtocol: "http", lbPort: 80 }] };
        assert.deepEqual((await check(props)).violations, []);
    });

    it("reads wrongly typed listeners without throwing", async () => {
        assert.deepEqual((await check({ listeners: "http:80" })).violations, []);
        assert.deepEqual((await check({ listeners: [null, { lbProtocol: 80 }] })).violations, []);
    });

    it("leaves a protocol that is unknown during preview to the framework", async () => {
        const out = await check({ listeners: [{ lbProtocol: unknown.string, lbPort: 80 }] });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /lbProtocol/);
    });
});
