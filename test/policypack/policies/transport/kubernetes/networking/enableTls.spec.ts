import * as assert from "node:assert/strict";
import { enableTls } from "../../../../../../policypack/policies/transport/kubernetes/networking/enableTls";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:networking.k8s.io/v1:Ingress";
const backend = { service: { name: "api", port: { number: 8080 } } };
const path = { http: { paths: [{ path: "/", pathType: "Prefix", backend }] } };
const compliant = {
    metadata: { name: "sync-api", namespace: "crm-sync" },
    spec: {
        tls: [{ hosts: ["sync.example.com", "*.api.example.com"], secretName: "sync-tls" }],
        rules: [
            { host: "sync.example.com", ...path },
            { host: "crm.api.example.com", ...path },
        ],
    },
};
const withSpec = (spec: Record<string, any>) => ({
    ...compliant,
    spec: { ...compliant.spec, ...spec },
});

describe("kubernetes-networking-ingress-enable-tls", () => {
    it("accepts an Ingress whose tls entries cover every host, including through a wildcard", async () => {
        const out = await checkResource(enableTls, { type: TYPE, name: "ing", props: compliant });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a host no tls entry covers and names the host and rule", async () => {
        const out = await checkResource(enableTls, {
            type: TYPE,
            name: "ing",
            props: withSpec({
                rules: [...compliant.spec.rules, { host: "erp.example.com", ...path }],
            }),
        });
        assert.deepEqual(out.violations, [
            'Ingress "sync-api" routes host "erp.example.com" (rule #2) without a `tls` entry covering it, so it serves personal data over plain HTTP; it should terminate TLS: add "erp.example.com" to a `spec.tls[].hosts` list with its certificate secret.',
        ]);
    });

    it("does not let a wildcard cover a deeper subdomain", async () => {
        const out = await checkResource(enableTls, {
            type: TYPE,
            name: "ing",
            props: withSpec({ rules: [{ host: "a.b.api.example.com", ...path }] }),
        });
        assert.equal(out.violations.length, 1);
    });

    it("rejects an Ingress without tls that routes any host, once", async () => {
        const out = await checkResource(enableTls, {
            type: "kubernetes:networking.k8s.io/v1beta1:Ingress",
            name: "ing",
            props: { spec: { rules: [path, path] } },
        });
        assert.deepEqual(out.violations, [
            'Ingress "ing" routes requests for any host (rule #0 has no host) but has no `tls` entry, so it serves personal data over plain HTTP; it should terminate TLS: add a `spec.tls` entry.',
        ]);
    });

    it("rejects a default backend without tls and accepts it with a tls entry", async () => {
        const bad = await checkResource(enableTls, {
            type: TYPE,
            name: "ing",
            props: { spec: { defaultBackend: backend } },
        });
        assert.equal(bad.violations.length, 1);
        assert.match(bad.violations[0], /through its default backend/);
        const ok = await checkResource(enableTls, {
            type: TYPE,
            name: "ing",
            props: { spec: { defaultBackend: backend, tls: [{ secretName: "t" }] } },
        });
        assert.deepEqual(ok.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(enableTls, {
            type: TYPE,
            name: "ing",
            props: { spec: { tls: "x", rules: [null, 3] } },
        });
        assert.equal(out.violations.length, 1);
    });

    it("leaves a host that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableTls, {
            type: TYPE,
            name: "ing",
            props: withSpec({ rules: [{ host: unknown.string, ...path }] }),
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /host/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableTls, {
            type: "kubernetes:core/v1:Service",
            props: { spec: { rules: [path] } },
        });
        assert.deepEqual(out.violations, []);
    });
});
