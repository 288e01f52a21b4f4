import * as assert from "node:assert/strict";
import { enforceMutualTls } from "../../../../../../policypack/policies/transport/kubernetes/istio/enforceMutualTls";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:networking.istio.io/v1:DestinationRule";
const compliant = {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: "crm-api", namespace: "crm-sync" },
    spec: {
        host: "crm-api.crm-sync.svc.cluster.local",
        trafficPolicy: {
            tls: { mode: "ISTIO_MUTUAL" },
            portLevelSettings: [{ port: { number: 8080 }, tls: { mode: "ISTIO_MUTUAL" } }],
        },
        subsets: [{ name: "v1", labels: { version: "v1" } }],
    },
};
const withSpec = (spec: Record<string, any>) => ({
    ...compliant,
    spec: { ...compliant.spec, ...spec },
});

describe("kubernetes-istio-destinationrule-enforce-mutual-tls", () => {
    it("accepts ISTIO_MUTUAL for an in-mesh host at the policy and per port", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts a DestinationRule without tls blocks (auto-mTLS)", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({ trafficPolicy: { connectionPool: {} } }),
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects DISABLE on a port override and names the port", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({
                trafficPolicy: {
                    tls: { mode: "ISTIO_MUTUAL" },
                    portLevelSettings: [{ port: { number: 5432 }, tls: { mode: "DISABLE" } }],
                },
            }),
        });
        assert.deepEqual(out.violations, [
            'DestinationRule "crm-api" for in-mesh host "crm-api.crm-sync.svc.cluster.local" sets TLS mode "DISABLE" in trafficPolicy.portLevelSettings[0] (port 5432), so the sidecar would send personal data in plaintext; set `tls.mode` to "ISTIO_MUTUAL" (or remove the `tls` block for auto-mTLS).',
        ]);
    });

    it("rejects a subset's tls block without a mode, which Istio reads as DISABLE", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({ subsets: [{ name: "v2", trafficPolicy: { tls: {} } }] }),
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /"DISABLE" in subset "v2" trafficPolicy/);
    });

    it("rejects SIMPLE for an in-mesh host", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({ trafficPolicy: { tls: { mode: "SIMPLE" } } }),
        });
        assert.deepEqual(out.violations, [
            'DestinationRule "crm-api" for in-mesh host "crm-api.crm-sync.svc.cluster.local" sets TLS mode "SIMPLE" in trafficPolicy, which should be "ISTIO_MUTUAL" so both sidecars authenticate with mesh identities; set `tls.mode: ISTIO_MUTUAL` or remove the `tls` block for auto-mTLS.',
        ]);
    });

    it("accepts SIMPLE for an external host and rejects DISABLE for it", async () => {
        const ok = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({
                host: "erp.example.com",
                trafficPolicy: { tls: { mode: "SIMPLE" } },
            }),
        });
        assert.deepEqual(ok.violations, []);
        const bad = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({
                host: "erp.example.com",
                trafficPolicy: { tls: { mode: "DISABLE" } },
            }),
        });
        assert.deepEqual(bad.violations, [
            'DestinationRule "crm-api" for host "erp.example.com" sets TLS mode "DISABLE" in trafficPolicy, so the sidecar would send personal data in plaintext; set `tls.mode` to "SIMPLE" or "MUTUAL".',
        ]);
    });

    it("reports an unrecognised mode instead of passing it", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({ trafficPolicy: { tls: { mode: "NONE" } } }),
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /"NONE" in trafficPolicy, which Istio does not recognise/);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: "kubernetes:networking.istio.io/v1beta1:DestinationRule",
            name: "dr",
            props: {
                metadata: [],
                spec: { host: 5, trafficPolicy: { portLevelSettings: "x" }, subsets: [null] },
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves a mode that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: TYPE,
            name: "dr",
            props: withSpec({ trafficPolicy: { tls: { mode: unknown.string } } }),
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /mode/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enforceMutualTls, {
            type: "kubernetes:networking.istio.io/v1:VirtualService",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });
});
