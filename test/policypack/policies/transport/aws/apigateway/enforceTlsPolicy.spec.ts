import * as assert from "node:assert/strict";
import { enforceTlsPolicy } from "../../../../../../policypack/policies/transport/aws/apigateway/enforceTlsPolicy";
import { checkResource, unknown } from "../../../../harness";

const V1 = "aws:apigateway/domainName:DomainName";
const V2 = "aws:apigatewayv2/domainName:DomainName";
const compliant = {
    domainName: "api.example.com",
    regionalCertificateArn: "arn:aws:acm:eu-west-1:1:certificate/x",
    securityPolicy: "TLS_1_2",
};

describe("aws-apigateway-domainname-enforce-tls-policy", () => {
    it("accepts a REST domain name with TLS_1_2", async () => {
        assert.deepEqual(
            (await checkResource(enforceTlsPolicy, { type: V1, name: "api", props: compliant }))
                .violations,
            [],
        );
    });

    it("accepts an HTTP API domain name with TLS_1_2 in its configuration", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: V2,
            name: "api",
            props: {
                domainName: "api.example.com",
                domainNameConfiguration: { endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects TLS_1_0 and names the domain", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: V1,
            name: "api",
            props: { ...compliant, securityPolicy: "TLS_1_0" },
        });
        assert.deepEqual(out.violations, [
            'API Gateway domain name "api" ("api.example.com") sets `securityPolicy` to "TLS_1_0"; it should allow only TLS 1.2 or later: set `securityPolicy` to "TLS_1_2".',
        ]);
    });

    it("rejects a domain name without a security policy", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: V2,
            name: "api",
            props: { domainName: "api.example.com", domainNameConfiguration: "x" },
        });
        assert.deepEqual(out.violations, [
            'API Gateway domain name "api" ("api.example.com") sets no `domainNameConfiguration.securityPolicy`, so AWS may accept TLS 1.0; it should allow only TLS 1.2 or later: set `domainNameConfiguration.securityPolicy` to "TLS_1_2".',
        ]);
    });

    it("accepts the newer TLS 1.3 security policies", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: V1,
            name: "api",
            props: { ...compliant, securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("reads a wrongly typed policy without throwing", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: V1,
            name: "api",
            props: { securityPolicy: ["TLS_1_2"], domainName: 3 },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceTlsPolicy, {
            type: V1,
            name: "api",
            props: { ...compliant, securityPolicy: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /securityPolicy/);
    });
});
