import * as assert from "node:assert/strict";
import { disallowPlaintextHttp } from "../../../../../../policypack/policies/transport/aws/lb/disallowPlaintextHttp";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:lb/listener:Listener";
const redirect = {
    type: "redirect",
    redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};
const compliant = {
    loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/sync/1",
    port: 80,
    protocol: "HTTP",
    defaultActions: [redirect],
};

describe("aws-lb-listener-disallow-plaintext-http", () => {
    it("accepts an HTTP listener that only redirects to HTTPS", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "http",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects an HTTP listener that forwards and names the port and action", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "sync-api-http",
            props: {
                ...compliant,
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        });
        assert.deepEqual(out.violations, [
            'Listener "sync-api-http" port 80 uses plaintext HTTP and default action #0 ("forward") does not redirect to HTTPS, so personal data crosses the network in plaintext; it should only redirect: make it a `redirect` with `protocol: "HTTPS"` and serve the traffic from an HTTPS listener.',
        ]);
    });

    it("rejects a redirect to plain HTTP on the aws.alb alias", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: "aws:alb/listener:Listener",
            name: "l",
            props: {
                ...compliant,
                defaultActions: [
                    redirect,
                    { type: "redirect", redirect: { protocol: "HTTP", host: "other.example.com" } },
                ],
            },
        });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /default action #1 \("redirect"\) does not redirect to HTTPS/,
        );
    });

    it("treats a listener without protocol as HTTP", async () => {
        const { protocol, ...props } = compliant;
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "l",
            props: { ...props, defaultActions: [{ type: "fixed-response" }] },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /uses the default protocol HTTP/);
    });

    it("accepts a Gateway Load Balancer's listener (GENEVE: no protocol, no port), but not an ALB listener with a port and no protocol", async () => {
        const gateway = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "gwlb",
            props: {
                loadBalancerArn:
                    "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/inspect/1",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        });
        assert.deepEqual(gateway.violations, []);
        const byArn = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "gwlb",
            props: {
                loadBalancerArn:
                    "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/inspect/1",
                port: unknown.number,
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        });
        assert.deepEqual(byArn.violations, []);
        const alb = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "alb",
            props: { port: 8080, defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] },
        });
        assert.equal(alb.violations.length, 1);
    });

    it("rejects an HTTP listener without default actions", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "l",
            props: { ...compliant, defaultActions: "x" },
        });
        assert.deepEqual(out.violations, [
            'Listener "l" port 80 uses plaintext HTTP and has no default actions; it should only redirect: add one `redirect` action with `protocol: "HTTPS"` and serve the traffic from an HTTPS listener.',
        ]);
    });

    it("accepts HTTPS and TLS listeners, which the TLS-policy rule checks", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "l",
            props: { ...compliant, protocol: "HTTPS", defaultActions: [{ type: "forward" }] },
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "l",
            props: {
                protocol: "HTTP",
                port: {},
                defaultActions: [null, { type: "redirect", redirect: "HTTPS" }],
            },
        });
        assert.equal(out.violations.length, 2);
    });

    it("leaves a protocol that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "l",
            props: { ...compliant, protocol: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /protocol/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(disallowPlaintextHttp, {
            type: "aws:lb/targetGroup:TargetGroup",
            props: { protocol: "HTTP" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("judges a listener an awsx ApplicationLoadBalancer builds on the component's inputs, so once", async () => {
        const props = {
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "forward", targetGroupArn: "tg" }],
        };
        const child = await checkResource(disallowPlaintextHttp, {
            type: TYPE,
            name: "web-0",
            urn: "urn:pulumi:dev::shop::awsx:lb:ApplicationLoadBalancer$aws:lb/listener:Listener::web-0",
            props,
        });
        assert.deepEqual(child.violations, []);
        assert.equal(
            (await checkResource(disallowPlaintextHttp, { type: TYPE, name: "web-0", props }))
                .violations.length,
            1,
        );
    });
});
