import * as assert from "node:assert/strict";
import {
    bypassAnnotations,
    destinationTlsSettings,
    injectionOptOuts,
    isDestinationRule,
    isInMeshHost,
    isPeerAuthentication,
    namespaceInjection,
    readPeerAuthentication,
    strictMtlsIndex,
} from "../../../policypack/lib/mesh";

const PA = "kubernetes:security.istio.io/v1:PeerAuthentication";
const pa = (namespace: string, mode?: string, selector = false) => ({
    type: PA,
    name: `${namespace}-pa`,
    props: {
        metadata: { name: "default", namespace },
        spec: {
            ...(selector ? { selector: { matchLabels: { app: "x" } } } : {}),
            ...(mode ? { mtls: { mode } } : {}),
        },
    },
});

describe("lib/mesh", () => {
    it("recognises Istio type tokens of every served version", () => {
        assert.equal(
            isPeerAuthentication("kubernetes:security.istio.io/v1beta1:PeerAuthentication"),
            true,
        );
        assert.equal(isPeerAuthentication(PA), true);
        assert.equal(
            isDestinationRule("kubernetes:networking.istio.io/v1alpha3:DestinationRule"),
            true,
        );
        assert.equal(isDestinationRule("kubernetes:networking.istio.io/v1:VirtualService"), false);
    });

    it("reads a PeerAuthentication's modes, upper-cased, with UNSET for missing ones", () => {
        const view = readPeerAuthentication(
            {
                metadata: { namespace: "ns" },
                spec: {
                    mtls: { mode: "strict" },
                    portLevelMtls: { "8080": { mode: "DISABLE" }, "9090": {} },
                },
            },
            "fallback",
        );
        assert.deepEqual(view, {
            name: "fallback",
            namespace: "ns",
            hasSelector: false,
            mode: "STRICT",
            portModes: [
                { port: "8080", mode: "DISABLE" },
                { port: "9090", mode: "UNSET" },
            ],
        });
    });

    it("reads wrongly typed PeerAuthentication fields without throwing", () => {
        const view = readPeerAuthentication(
            { metadata: "x", spec: { mtls: "STRICT", portLevelMtls: [] } },
            "n",
        );
        assert.equal(view.mode, "UNSET");
        assert.equal(view.namespace, "default");
    });

    describe("strictMtlsIndex", () => {
        it("makes every namespace STRICT under a STRICT mesh-wide policy unless the namespace overrides it", () => {
            const index = strictMtlsIndex([
                pa("istio-system", "STRICT"),
                pa("legacy", "PERMISSIVE"),
            ]);
            assert.equal(index.isStrict("crm-sync"), true);
            assert.equal(index.isStrict("legacy"), false);
        });

        it("makes only namespaces with their own STRICT policy STRICT when there is no mesh-wide one", () => {
            const index = strictMtlsIndex([pa("crm-sync", "STRICT"), pa("other", "STRICT", true)]);
            assert.equal(index.isStrict("crm-sync"), true);
            assert.equal(index.isStrict("other"), false);
        });

        it("can assume a STRICT mesh-wide policy managed elsewhere", () => {
            assert.equal(strictMtlsIndex([], "istio-system", true).isStrict("any"), true);
            assert.equal(strictMtlsIndex([]).isStrict("any"), false);
        });
    });

    it("lists a DestinationRule's TLS settings with their place, a mode-less tls block reading as DISABLE", () => {
        const settings = destinationTlsSettings({
            trafficPolicy: {
                tls: { mode: "istio_mutual" },
                portLevelSettings: [{ port: { number: 5432 }, tls: {} }, { port: { number: 80 } }],
            },
            subsets: [{ name: "v1", trafficPolicy: { tls: { mode: "SIMPLE" } } }, "junk"],
        });
        assert.deepEqual(settings, [
            { place: "trafficPolicy", mode: "ISTIO_MUTUAL" },
            { place: "trafficPolicy.portLevelSettings[0] (port 5432)", mode: "DISABLE" },
            { place: 'subset "v1" trafficPolicy', mode: "SIMPLE" },
        ]);
    });

    it("tells in-mesh hosts from external ones", () => {
        for (const h of [
            "crm-api",
            "crm-api.crm-sync.svc.cluster.local",
            "crm-api.crm-sync.svc",
            "*.cluster.local",
            "*",
        ]) {
            assert.equal(isInMeshHost(h), true, h);
        }
        for (const h of ["api.example.com", "*.example.com"]) {
            assert.equal(isInMeshHost(h), false, h);
        }
    });

    it("finds injection opt-outs in annotations and labels, and only real ones", () => {
        assert.deepEqual(
            injectionOptOuts({
                annotations: { "sidecar.istio.io/inject": "false", "linkerd.io/inject": "enabled" },
                labels: { "linkerd.io/inject": "disabled" },
            }),
            ['annotation "sidecar.istio.io/inject: false"', 'label "linkerd.io/inject: disabled"'],
        );
        assert.deepEqual(
            injectionOptOuts({ annotations: { "sidecar.istio.io/inject": "true" } }),
            [],
        );
        assert.deepEqual(injectionOptOuts({ annotations: 7 }), []);
    });

    it("finds bypass annotations that exclude ports and ignores empty ones", () => {
        assert.deepEqual(
            bypassAnnotations({
                annotations: {
                    "traffic.sidecar.istio.io/excludeOutboundPorts": "5432",
                    "config.linkerd.io/skip-inbound-ports": " ",
                },
            }),
            [{ key: "traffic.sidecar.istio.io/excludeOutboundPorts", value: "5432" }],
        );
    });

    it("reads a namespace's injection setting", () => {
        assert.equal(namespaceInjection({ labels: { "istio-injection": "enabled" } }), "enabled");
        assert.equal(namespaceInjection({ labels: { "istio.io/rev": "1-22" } }), "enabled");
        assert.equal(
            namespaceInjection({ annotations: { "linkerd.io/inject": "enabled" } }),
            "enabled",
        );
        assert.equal(
            namespaceInjection({
                labels: { "istio-injection": "disabled", "istio.io/rev": "1-22" },
            }),
            "disabled",
        );
        assert.equal(namespaceInjection({ labels: { team: "crm" } }), "absent");
        assert.equal(namespaceInjection({}), "absent");
    });
});
