import * as assert from "node:assert/strict";
import { disallowInMeshPlaintextUrls } from "../../../../../../policypack/policies/transport/kubernetes/core/disallowInMeshPlaintextUrls";
import { checkStack, unknown } from "../../../../harness";

const PA = "kubernetes:security.istio.io/v1:PeerAuthentication";
const pod = (value: unknown) => ({
    type: "kubernetes:core/v1:Pod",
    name: "p",
    props: {
        metadata: { namespace: "crm-sync" },
        spec: { containers: [{ name: "app", env: [{ name: "API", value }] }] },
    },
});
const strict = {
    type: PA,
    name: "pa",
    props: { metadata: { namespace: "crm-sync" }, spec: { mtls: { mode: "STRICT" } } },
};

describe("kubernetes-core-workload-disallow-in-mesh-plaintext-urls", () => {
    it("accepts an https URL to an in-mesh service", async () => {
        const out = await checkStack(disallowInMeshPlaintextUrls, [
            strict,
            pod("https://crm-api.crm-sync.svc.cluster.local"),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("advises against an http URL to an in-mesh service under STRICT mTLS", async () => {
        const out = await checkStack(disallowInMeshPlaintextUrls, [
            strict,
            pod("http://crm-api.crm-sync.svc.cluster.local:8080"),
        ]);
        assert.deepEqual(out.violations, [
            'Pod "p" container "app" env "API" holds plaintext URL "http://crm-api.crm-sync.svc.cluster.local:8080" to an in-mesh service; STRICT mTLS in namespace "crm-sync" encrypts it only between sidecars, so it should use "https" end to end: serve the service over TLS.',
        ]);
    });

    it("leaves in-mesh URLs without STRICT mTLS and external URLs to the mandatory rule", async () => {
        const out = await checkStack(disallowInMeshPlaintextUrls, [
            pod("http://crm-api.crm-sync.svc:8080"),
            pod("http://erp.example.com"),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkStack(disallowInMeshPlaintextUrls, [
            strict,
            pod(["x"]),
            { type: "kubernetes:core/v1:Pod", name: "q", props: { spec: 1 } },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("leaves an env value that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkStack(disallowInMeshPlaintextUrls, [strict, pod(unknown.string)]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
