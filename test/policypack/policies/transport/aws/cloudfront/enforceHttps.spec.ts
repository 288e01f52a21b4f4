import * as assert from "node:assert/strict";
import { enforceHttps } from "../../../../../../policypack/policies/transport/aws/cloudfront/enforceHttps";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:cloudfront/distribution:Distribution";
const compliant = {
    enabled: true,
    origins: [
        {
            originId: "api",
            domainName: "api.example.com",
            customOriginConfig: {
                httpPort: 80,
                httpsPort: 443,
                originProtocolPolicy: "https-only",
                originSslProtocols: ["TLSv1.2"],
            },
        },
        {
            originId: "assets",
            domainName: "assets.s3.amazonaws.com",
            s3OriginConfig: { originAccessIdentity: "x" },
        },
    ],
    defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [
        { pathPattern: "/static/*", targetOriginId: "assets", viewerProtocolPolicy: "https-only" },
    ],
    viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x",
        minimumProtocolVersion: "TLSv1.2_2021",
        sslSupportMethod: "sni-only",
    },
};
const run = (props: Record<string, any>) =>
    checkResource(enforceHttps, { type: TYPE, name: "cdn", props });

describe("aws-cloudfront-distribution-enforce-https", () => {
    it("accepts HTTPS to viewers and origins with TLS 1.2", async () => {
        assert.deepEqual((await run(compliant)).violations, []);
    });

    it("rejects allow-all on an ordered cache behavior and names its path", async () => {
        const out = await run({
            ...compliant,
            orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "allow-all" }],
        });
        assert.deepEqual(out.violations, [
            'CloudFront distribution "cdn" cache behavior #0 "/api/*" has viewerProtocolPolicy "allow-all", so viewers can send personal data over plain HTTP; it should be "redirect-to-https" or "https-only".',
        ]);
    });

    it("rejects a custom origin reached over HTTP or with TLS 1.0 allowed", async () => {
        const out = await run({
            ...compliant,
            origins: [
                {
                    originId: "api",
                    customOriginConfig: {
                        originProtocolPolicy: "match-viewer",
                        originSslProtocols: ["TLSv1", "TLSv1.2"],
                    },
                },
            ],
        });
        assert.deepEqual(out.violations, [
            'CloudFront distribution "cdn" origin "api" has originProtocolPolicy "match-viewer", so CloudFront may fetch personal data from it over plain HTTP; it should be "https-only".',
            'CloudFront distribution "cdn" origin "api" allows "TLSv1" in originSslProtocols; it should allow only TLS 1.2 or later: set `originSslProtocols: ["TLSv1.2"]`.',
        ]);
    });

    it("rejects the default CloudFront certificate", async () => {
        const out = await run({
            ...compliant,
            viewerCertificate: { cloudfrontDefaultCertificate: true },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /uses the default CloudFront certificate/);
    });

    it("rejects a minimum protocol older than TLS 1.2", async () => {
        const out = await run({
            ...compliant,
            viewerCertificate: {
                ...compliant.viewerCertificate,
                minimumProtocolVersion: "TLSv1.1_2016",
            },
        });
        assert.deepEqual(out.violations, [
            'CloudFront distribution "cdn" has viewer certificate minimumProtocolVersion "TLSv1.1_2016", which accepts TLS older than 1.2; it should be "TLSv1.2_2021".',
        ]);
    });

    it("reads wrongly typed fields without throwing and fails closed on them", async () => {
        const out = await run({
            defaultCacheBehavior: "x",
            orderedCacheBehaviors: {},
            origins: [null],
            viewerCertificate: 3,
        });
        assert.equal(out.violations.length, 2);
        assert.match(out.violations[0], /default cache behavior has viewerProtocolPolicy no value/);
    });

    it("leaves a policy that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await run({
            ...compliant,
            defaultCacheBehavior: { viewerProtocolPolicy: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /viewerProtocolPolicy/);
    });
});
