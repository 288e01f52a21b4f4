import * as assert from "node:assert/strict";
import { matchesAny } from "../../../../../../policypack/lib/tls";
import { enforceTlsPolicy } from "../../../../../../policypack/policies/transport/aws/lb/enforceTlsPolicy";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:lb/listener:Listener";
const compliant = {
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/abc",
    defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
};

describe("aws-lb-listener-enforce-tls-policy", () => {
    it("accepts an HTTPS listener with a TLS 1.3/1.2 policy", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: TYPE,
            name: "https",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts a TLS listener with an ELBSecurityPolicy-TLS-1-2 policy", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: "aws:alb/listener:Listener",
            name: "tls",
            props: {
                ...compliant,
                protocol: "TLS",
                sslPolicy: "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts the forward-secrecy TLS 1.2 policies and rejects the older FS policy that allows TLS 1.0", async () => {
        const run = (sslPolicy: string) =>
            checkResource(enforceTlsPolicy, {
                type: TYPE,
                name: "https",
                props: { ...compliant, sslPolicy },
            });
        for (const ok of [
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-FS-1-2-2019-08",
        ]) {
            assert.deepEqual((await run(ok)).violations, [], ok);
        }
        assert.equal((await run("ELBSecurityPolicy-FS-2018-06")).violations.length, 1);
    });

    it("rejects a policy that allows TLS 1.0 and lists the allowed ones", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: TYPE,
            name: "https",
            props: { ...compliant, sslPolicy: "ELBSecurityPolicy-2016-08" },
        });
        assert.deepEqual(out.violations, [
            'HTTPS listener "https" port 443 uses security policy "ELBSecurityPolicy-2016-08"; it should allow only TLS 1.2 or later: set `sslPolicy` to one of "ELBSecurityPolicy-TLS13-1-2-*", "ELBSecurityPolicy-TLS-1-2-*", "ELBSecurityPolicy-FS-1-2-*".',
        ]);
    });

    it("rejects a listener without sslPolicy, which AWS fills with a TLS 1.0 policy", async () => {
        const { sslPolicy, ...props } = compliant;
        const out = await checkResource(enforceTlsPolicy, { type: TYPE, name: "https", props });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /sets no `sslPolicy`/);
    });

    it("follows a configured allow-list", async () => {
        const out = await checkResource(
            enforceTlsPolicy,
            { type: TYPE, name: "https", props: compliant },
            { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-*"] },
        );
        assert.equal(out.violations.length, 1);
    });

    it("ignores HTTP listeners, which the plaintext rule checks", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: TYPE,
            name: "http",
            props: { protocol: "HTTP", port: 80 },
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(
            enforceTlsPolicy,
            { type: TYPE, name: "l", props: { protocol: "HTTPS", sslPolicy: 3 } },
            { allowedSslPolicies: "x" },
        );
        assert.equal(out.violations.length, 1);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: TYPE,
            name: "l",
            props: { ...compliant, sslPolicy: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /sslPolicy/);
    });

    it("matches * patterns as whole names", () => {
        assert.equal(
            matchesAny("ELBSecurityPolicy-TLS-1-2-2017-01", ["ELBSecurityPolicy-TLS-1-2-*"]),
            true,
        );
        assert.equal(
            matchesAny("xELBSecurityPolicy-TLS-1-2-2017-01", ["ELBSecurityPolicy-TLS-1-2-*"]),
            false,
        );
    });
});
