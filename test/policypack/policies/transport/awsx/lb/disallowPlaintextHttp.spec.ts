import * as assert from "node:assert/strict";
import { disallowPlaintextHttp } from "../../../../../../policypack/policies/transport/awsx/lb/disallowPlaintextHttp";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "awsx:lb:ApplicationLoadBalancer";
const redirect = {
    type: "redirect",
    redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};
const httpsListener = {
    port: 443,
    protocol: "HTTPS",
    certificateArn: "arn:aws:acm:eu-west-1:1:certificate/x",
};

async function check(props: Record<string, any>) {
    return checkResource(disallowPlaintextHttp, { type: TYPE, name: "web", props });
}

describe("awsx-lb-applicationloadbalancer-disallow-plaintext-http", () => {
    it("rejects the implicit default listener (HTTP on port 80, forwarding)", async () => {
        assert.deepEqual((await check({ subnetIds: ["s-1"] })).violations, [
            'awsx.lb.ApplicationLoadBalancer "web" the default listener (port 80) speaks plaintext HTTP and forwards to the default target group, so personal data crosses the network unencrypted; serve it from an HTTPS listener with a certificate and make any port-80 listener only redirect to HTTPS.',
        ]);
        const port = await check({ defaultTargetGroupPort: 8080 });
        assert.match(
            port.violations[0] ?? "",
            /the default listener \(port 8080\) speaks plaintext HTTP/,
        );
    });

    it("accepts an HTTPS listener, also when awsx infers HTTPS from port 443", async () => {
        assert.deepEqual((await check({ listener: httpsListener })).violations, []);
        assert.deepEqual((await check({ listener: { port: 443 } })).violations, []);
        assert.deepEqual((await check({ listener: { protocol: "HTTPS" } })).violations, []);
    });

    it("accepts an HTTP listener that only redirects to HTTPS, and rejects one that forwards", async () => {
        const listeners = [
            httpsListener,
            { port: 80, protocol: "HTTP", defaultActions: [redirect] },
        ];
        assert.deepEqual((await check({ listeners })).violations, []);
        const out = await check({
            listeners: [
                httpsListener,
                { port: 80, defaultActions: [{ type: "forward", targetGroupArn: "tg" }] },
            ],
        });
        assert.deepEqual(out.violations, [
            'awsx.lb.ApplicationLoadBalancer "web" listeners[1] (port 80) speaks plaintext HTTP and has a default action that does not redirect to HTTPS, so personal data crosses the network unencrypted; serve it from an HTTPS listener with a certificate and make any port-80 listener only redirect to HTTPS.',
        ]);
    });

    it("rejects a listener given only a port other than 443 (awsx infers HTTP)", async () => {
        const out = await check({ listener: { port: 8080 } });
        assert.match(
            out.violations[0] ?? "",
            /"web" listener \(port 8080\) speaks plaintext HTTP and forwards/,
        );
    });

    it("reads wrongly typed listeners without throwing", async () => {
        assert.equal((await check({ listeners: [null] })).violations.length, 1);
        assert.deepEqual((await check({ listeners: "https" })).violations, []);
    });

    it("leaves a protocol that is unknown during preview to the framework", async () => {
        const out = await check({ listener: { protocol: unknown.string, port: 443 } });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /protocol/);
    });
});
