import * as assert from "node:assert/strict";
import { disallowPlaintextServices } from "../../../../../../policypack/policies/exposure/kubernetes/core/disallowPlaintextServices";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "kubernetes:core/v1:Service";

function service(spec: Record<string, any>, annotations?: Record<string, string>) {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "jenkins", namespace: "ci", ...(annotations ? { annotations } : {}) },
        spec,
    };
}
async function check(props: Record<string, any>, config = {}) {
    return checkResource(
        disallowPlaintextServices,
        { type: TYPE, name: "jenkins-svc", props },
        config,
    );
}

describe("kubernetes-core-service-disallow-plaintext-services", () => {
    it("rejects a Jenkins login page on port 80 behind a LoadBalancer", async () => {
        const out = await check(
            service({
                type: "LoadBalancer",
                ports: [{ name: "http", port: 80, targetPort: 8080 }],
            }),
        );
        assert.deepEqual(out.violations, [
            'Service "jenkins" of type LoadBalancer exposes port 80 ("http"), named "http", outside the cluster without TLS, so logins and personal data cross the network in plaintext to anyone who can reach it; publish it through an Ingress with `tls` or terminate TLS on the load balancer and expose 443.',
        ]);
    });

    it("rejects a NodePort on 8080 and a port with appProtocol http", async () => {
        const out = await check(
            service({
                type: "NodePort",
                ports: [
                    { port: 8080, nodePort: 30080 },
                    { port: 7000, appProtocol: "http" },
                ],
            }),
        );
        assert.deepEqual(
            out.violations.map((v) => v.split(", outside")[0]),
            [
                'Service "jenkins" of type NodePort exposes port 8080, a plaintext HTTP port',
                'Service "jenkins" of type NodePort exposes port 7000, appProtocol "http"',
            ],
        );
    });

    it("accepts ClusterIP Services and TLS ports", async () => {
        assert.deepEqual((await check(service({ ports: [{ port: 80 }] }))).violations, []);
        assert.deepEqual(
            (await check(service({ type: "ClusterIP", ports: [{ port: 80 }] }))).violations,
            [],
        );
        assert.deepEqual(
            (
                await check(
                    service({
                        type: "LoadBalancer",
                        ports: [
                            { name: "https", port: 443 },
                            { name: "https-alt", port: 8080 },
                        ],
                    }),
                )
            ).violations,
            [],
        );
    });

    it("accepts port 80 when the AWS load balancer terminates TLS on it, and only on the listed ports", async () => {
        const cert = {
            "service.beta.kubernetes.io/aws-load-balancer-ssl-cert":
                "arn:aws:acm:eu-west-1:1:certificate/x",
        };
        const ports = [
            { name: "http", port: 80 },
            { name: "web", port: 8080 },
        ];
        assert.deepEqual(
            (await check(service({ type: "LoadBalancer", ports }, cert))).violations,
            [],
        );
        const listed = await check(
            service(
                { type: "LoadBalancer", ports },
                { ...cert, "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "http" },
            ),
        );
        assert.deepEqual(
            listed.violations.map((v) => v.split(",")[0]),
            ['Service "jenkins" of type LoadBalancer exposes port 8080 ("web")'],
        );
    });

    it("accepts internal load balancers and source ranges narrower than the internet", async () => {
        const spec = { type: "LoadBalancer", ports: [{ port: 80 }] };
        const internal: Record<string, string>[] = [
            { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" },
            { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
            { "networking.gke.io/load-balancer-type": "Internal" },
            { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
        ];
        for (const annotations of internal) {
            assert.deepEqual(
                (await check(service(spec, annotations))).violations,
                [],
                JSON.stringify(annotations),
            );
        }
        assert.deepEqual(
            (await check(service({ ...spec, loadBalancerSourceRanges: ["10.0.0.0/8"] })))
                .violations,
            [],
        );
        assert.equal(
            (await check(service({ ...spec, loadBalancerSourceRanges: ["0.0.0.0/0"] }))).violations
                .length,
            1,
        );
    });

    it("takes the plaintext ports from config", async () => {
        const props = service({ type: "LoadBalancer", ports: [{ port: 9090 }] });
        assert.deepEqual((await check(props)).violations, []);
        assert.equal((await check(props, { plaintextPorts: [9090] })).violations.length, 1);
    });

    it("reads wrongly typed specs and ports without throwing", async () => {
        assert.deepEqual((await check({ spec: "LoadBalancer" })).violations, []);
        assert.deepEqual(
            (await check(service({ type: "LoadBalancer", ports: [null, "80", { port: "80" }] })))
                .violations,
            [],
        );
    });

    it("leaves a type that is unknown during preview to the framework", async () => {
        const out = await check(service({ type: unknown.string, ports: [{ port: 80 }] }));
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /type/);
    });

    it("reads a container port named http behind an unnamed Service port as plaintext (the voting app's lesson)", async () => {
        const out = await check(
            service({ type: "LoadBalancer", ports: [{ port: 7000, targetPort: "http" }] }),
        );
        assert.match(
            out.violations[0] ?? "",
            /exposes port 7000, forwarding to the container port named "http", outside the cluster/,
        );
        assert.deepEqual(
            (
                await check(
                    service({ type: "LoadBalancer", ports: [{ port: 7000, targetPort: "https" }] }),
                )
            ).violations,
            [],
        );
    });
});
