import * as assert from "node:assert/strict";
import { enforceHttps } from "../../../../../../policypack/policies/transport/aws/opensearch/enforceHttps";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:opensearch/domain:Domain";
const compliant = {
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
    nodeToNodeEncryption: { enabled: true },
};

describe("aws-opensearch-domain-enforce-https", () => {
    it("accepts a domain that enforces HTTPS with TLS 1.2 and node-to-node encryption", async () => {
        assert.deepEqual(
            (await checkResource(enforceHttps, { type: TYPE, name: "search", props: compliant }))
                .violations,
            [],
        );
    });

    it("rejects each missing protection with its own message", async () => {
        const out = await checkResource(enforceHttps, {
            type: "aws:elasticsearch/domain:Domain",
            name: "search",
            props: {},
        });
        assert.deepEqual(out.violations, [
            'Elasticsearch domain "search" does not enforce HTTPS, so clients can query personal data over plain HTTP; it should: set `domainEndpointOptions.enforceHttps: true`.',
            'Elasticsearch domain "search" sets no TLS policy (AWS then accepts TLS 1.0); it should allow only TLS 1.2 or later: set `domainEndpointOptions.tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07"`.',
            'Elasticsearch domain "search" does not encrypt node-to-node traffic, so nodes exchange personal data in plaintext; it should: set `nodeToNodeEncryption.enabled: true`.',
        ]);
    });

    it("rejects a TLS 1.0 policy and accepts the PFS TLS 1.2 policy", async () => {
        const bad = await checkResource(enforceHttps, {
            type: TYPE,
            name: "search",
            props: {
                ...compliant,
                domainEndpointOptions: {
                    enforceHttps: true,
                    tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07",
                },
            },
        });
        assert.equal(bad.violations.length, 1);
        assert.match(bad.violations[0], /uses TLS policy "Policy-Min-TLS-1-0-2019-07"/);
        const ok = await checkResource(enforceHttps, {
            type: TYPE,
            name: "search",
            props: {
                ...compliant,
                domainEndpointOptions: {
                    enforceHttps: true,
                    tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
                },
            },
        });
        assert.deepEqual(ok.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(enforceHttps, {
            type: TYPE,
            name: "s",
            props: { domainEndpointOptions: [], nodeToNodeEncryption: "on" },
        });
        assert.equal(out.violations.length, 3);
    });

    it("leaves a flag that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceHttps, {
            type: TYPE,
            name: "s",
            props: { ...compliant, domainEndpointOptions: { enforceHttps: unknown.boolean } },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /enforceHttps/);
    });
});
