import { ACCOUNT, find, mark, refusal, settle, since } from "./mocks";
import * as assert from "node:assert/strict";
import { MeshNamespace } from "../../components";

void ACCOUNT;
const PA = "kubernetes:security.istio.io/v1:PeerAuthentication";
const DR = "kubernetes:networking.istio.io/v1:DestinationRule";
const IAP = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const SERVER = "kubernetes:policy.linkerd.io/v1beta3:Server";
const LAP = "kubernetes:policy.linkerd.io/v1alpha1:AuthorizationPolicy";
const MTLS = "kubernetes:policy.linkerd.io/v1alpha1:MeshTLSAuthentication";

describe("MeshNamespace", () => {
    it("enrols an Istio namespace with injection, STRICT mTLS, ISTIO_MUTUAL, default deny and an allow rule", async () => {
        const m = mark();
        const ns = new MeshNamespace("crm", {
            mesh: "istio",
            allowFrom: [{ namespace: "erp", serviceAccount: "erp-api" }],
            labels: { "data-owner": "sales" },
        });
        await settle();
        assert.equal(ns.namespaceName, "crm");
        assert.deepEqual(find(m, "kubernetes:core/v1:Namespace", "crm-namespace").inputs.metadata, {
            name: "crm",
            labels: { "data-owner": "sales", "istio-injection": "enabled" },
            annotations: {},
        });
        const pa = find(m, PA, "crm-strict-mtls").inputs;
        assert.equal(pa.apiVersion, "security.istio.io/v1");
        assert.equal(pa.kind, "PeerAuthentication");
        assert.deepEqual(pa.metadata, {
            name: "default",
            namespace: "crm",
            labels: { "data-owner": "sales" },
        });
        assert.deepEqual(pa.spec, { mtls: { mode: "STRICT" } });
        const dr = find(m, DR, "crm-mutual-tls").inputs;
        assert.equal(dr.kind, "DestinationRule");
        assert.deepEqual(dr.spec, {
            host: "*.crm.svc.cluster.local",
            trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } },
        });
        const deny = find(m, IAP, "crm-deny-all").inputs;
        assert.equal(deny.kind, "AuthorizationPolicy");
        assert.deepEqual(deny.spec ?? {}, {});
        assert.deepEqual(find(m, IAP, "crm-allow-listed").inputs.spec, {
            action: "ALLOW",
            rules: [{ from: [{ source: { principals: ["cluster.local/ns/erp/sa/erp-api"] } }] }],
        });
        assert.equal(since(m).length, 6); // component, namespace, 4 mesh resources
    });

    it("uses the revision label instead of istio-injection when a revision is given", async () => {
        const m = mark();
        new MeshNamespace("rev", { mesh: "istio", istioRevision: "1-24" });
        await settle();
        assert.deepEqual(
            find(m, "kubernetes:core/v1:Namespace", "rev-namespace").inputs.metadata.labels,
            { "istio.io/rev": "1-24" },
        );
        assert.equal(since(m).filter((r) => r.name === "rev-allow-listed").length, 0);
    });

    it("enrols a Linkerd namespace with the injection annotation, all-authenticated default and MeshTLS authorization per port", async () => {
        const m = mark();
        new MeshNamespace("ld", {
            mesh: "linkerd",
            namespaceName: "erp-sync",
            ports: [8443],
            allowFrom: [{ namespace: "crm", serviceAccount: "crm-api" }],
        });
        await settle();
        assert.deepEqual(find(m, "kubernetes:core/v1:Namespace", "ld-namespace").inputs.metadata, {
            name: "erp-sync",
            labels: {},
            annotations: {
                "linkerd.io/inject": "enabled",
                "config.linkerd.io/default-inbound-policy": "all-authenticated",
            },
        });
        const server = find(m, SERVER, "ld-server-8443").inputs;
        assert.equal(server.kind, "Server");
        assert.deepEqual(server.spec, { podSelector: {}, port: 8443, proxyProtocol: "unknown" });
        assert.deepEqual(find(m, MTLS, "ld-mesh-tls").inputs.spec, {
            identities: ["crm-api.crm.serviceaccount.identity.linkerd.cluster.local"],
        });
        assert.deepEqual(find(m, LAP, "ld-allow-8443").inputs.spec, {
            targetRef: { group: "policy.linkerd.io", kind: "Server", name: "port-8443" },
            requiredAuthenticationRefs: [
                { group: "policy.linkerd.io", kind: "MeshTLSAuthentication", name: "allow-listed" },
            ],
        });
    });

    it("targets the namespace with the Linkerd authorization when no ports are listed", async () => {
        const m = mark();
        new MeshNamespace("ld2", {
            mesh: "linkerd",
            allowFrom: [{ namespace: "crm", serviceAccount: "crm-api" }],
        });
        await settle();
        assert.deepEqual(find(m, LAP, "ld2-allow-listed").inputs.spec.targetRef, {
            kind: "Namespace",
            name: "ld2",
        });
    });

    describe("refuses", () => {
        const cases: [string, () => unknown, string][] = [
            [
                "a mesh it does not know",
                () => new MeshNamespace("x", { mesh: "consul" as any }),
                'MeshNamespace "x": argument `mesh` is "consul", so the namespace would sit outside the mesh; use "istio" or "linkerd".',
            ],
            [
                "no mesh at all",
                () => new MeshNamespace("x", {} as any),
                'MeshNamespace "x": argument `mesh` is missing, so the namespace would sit outside the mesh; use "istio" or "linkerd".',
            ],
            [
                "a namespace name that is not a DNS label",
                () => new MeshNamespace("x", { mesh: "istio", namespaceName: "Crm_Sync" }),
                'MeshNamespace "x": argument `namespaceName` is "Crm_Sync", not one exact Kubernetes name (lower-case DNS label, no wildcards); name exactly one namespace or service account.',
            ],
            [
                "a wildcard principal",
                () =>
                    new MeshNamespace("x", {
                        mesh: "istio",
                        allowFrom: [{ namespace: "*", serviceAccount: "a" }],
                    }),
                'MeshNamespace "x": argument `allowFrom[0].namespace` is "*", not one exact Kubernetes name (lower-case DNS label, no wildcards); name exactly one namespace or service account.',
            ],
            [
                "a label that switches injection off",
                () =>
                    new MeshNamespace("x", {
                        mesh: "istio",
                        labels: { "istio-injection": "disabled" },
                    }),
                'MeshNamespace "x": argument `labels["istio-injection"]` would override the mesh injection setting; leave injection to MeshNamespace.',
            ],
            [
                "ports for Istio",
                () => new MeshNamespace("x", { mesh: "istio", ports: [80] }),
                'MeshNamespace "x": argument `ports` is set for Istio, where the namespace-wide policies already cover every port; leave it out.',
            ],
            [
                "a port out of range",
                () => new MeshNamespace("x", { mesh: "linkerd", ports: [70000] }),
                'MeshNamespace "x": argument `ports[0]` is 70000, outside 1..65535 (a TCP port); use a whole number from 1 to 65535.',
            ],
            [
                "an Istio revision on Linkerd",
                () => new MeshNamespace("x", { mesh: "linkerd", istioRevision: "1-24" }),
                'MeshNamespace "x": argument `istioRevision` is "1-24", which is not an Istio revision name for an Istio namespace; give the revision name (e.g. "1-24") with mesh "istio", or leave it out.',
            ],
        ];
        for (const [what, build, message] of cases) {
            it(`${what}, before creating anything`, async () => {
                const m = mark();
                assert.equal(refusal(build), message);
                await settle();
                assert.deepEqual(since(m), []);
            });
        }
    });
});
