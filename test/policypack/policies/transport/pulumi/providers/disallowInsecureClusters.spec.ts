import * as assert from "node:assert/strict";
import { disallowInsecureClusters } from "../../../../../../policypack/policies/transport/pulumi/providers/disallowInsecureClusters";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "pulumi:providers:kubernetes";
const kubeconfig = (cluster: Record<string, unknown>) =>
    [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "  - name: eks",
        "    cluster:",
        ...Object.entries(cluster).map(([k, v]) => `      ${k}: ${v}`),
        "users:",
        "  - name: ci",
        "    user:",
        "      exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token] }",
        "",
    ].join("\n");
const compliant = {
    kubeconfig: kubeconfig({
        server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        "certificate-authority-data": "LS0t",
    }),
};

describe("pulumi-providers-kubernetes-disallow-insecure-clusters", () => {
    it("accepts a kubeconfig with an https server and a CA", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowInsecureClusters, {
                    type: TYPE,
                    name: "eks",
                    props: compliant,
                })
            ).violations,
            [],
        );
    });

    it("rejects insecure-skip-tls-verify and an http server, each once", async () => {
        const out = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "eks",
            props: {
                kubeconfig: kubeconfig({
                    server: "http://10.0.0.1:8080",
                    "insecure-skip-tls-verify": true,
                }),
            },
        });
        assert.deepEqual(out.violations, [
            'Kubernetes provider "eks" kubeconfig cluster "eks" sets insecure-skip-tls-verify true, so it would send manifests and secrets to any server that answers; it should verify the API server: remove it and set `certificate-authority-data`.',
            'Kubernetes provider "eks" kubeconfig cluster "eks" server "http://10.0.0.1:8080" is not an `https://` URL, so manifests and secrets cross the network in plaintext; it should use "https".',
        ]);
    });

    it("reads a kubeconfig given as an object (JSON form)", async () => {
        const out = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "eks",
            props: {
                kubeconfig: {
                    clusters: [
                        {
                            name: "x",
                            cluster: {
                                server: "https://k8s.example.com",
                                "insecure-skip-tls-verify": "true",
                            },
                        },
                    ],
                },
            },
        });
        assert.equal(out.violations.length, 1);
    });

    it("rejects an http clusterIdentifier and accepts a plain identifier", async () => {
        const bad = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "k",
            props: { clusterIdentifier: "http://k8s.example.com" },
        });
        assert.deepEqual(bad.violations, [
            'Kubernetes provider "k" clusterIdentifier "http://k8s.example.com" is not an `https://` URL; it should name the cluster\'s `https://` API server.',
        ]);
        const ok = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "k",
            props: { clusterIdentifier: "prod-eu" },
        });
        assert.deepEqual(ok.violations, []);
    });

    it("accepts a kubeconfig path and fails closed on an unparsable kubeconfig", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowInsecureClusters, {
                    type: TYPE,
                    name: "k",
                    props: { kubeconfig: "~/.kube/config" },
                })
            ).violations,
            [],
        );
        const out = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "k",
            props: { kubeconfig: "clusters: [\n  - {" },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /could not be parsed/);
        // Found by test/policypack/rules.fuzz.spec.ts: text that reads as a number or a list is
        // neither a path nor a kubeconfig, and used to pass unread.
        for (const kubeconfig of ["6", "[1, 2]", "true", 6]) {
            const odd = await checkResource(disallowInsecureClusters, {
                type: TYPE,
                name: "k",
                props: { kubeconfig },
            });
            assert.match(
                odd.violations[0] ?? "",
                /could not be parsed/,
                JSON.stringify(kubeconfig),
            );
        }
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "k",
            props: { kubeconfig: { clusters: [null, { cluster: "x" }] }, clusterIdentifier: 3 },
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves a kubeconfig that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(disallowInsecureClusters, {
            type: TYPE,
            name: "k",
            props: { kubeconfig: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kubeconfig/);
    });
});
