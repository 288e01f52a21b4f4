import * as assert from "node:assert/strict";
import { stringify } from "yaml";
import { disallowEmbeddedCredentials } from "../../../../../../policypack/policies/secrets/pulumi/providers/disallowEmbeddedCredentials";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "pulumi:providers:kubernetes";
const kubeconfig = (user: Record<string, any>) =>
    stringify({
        apiVersion: "v1",
        clusters: [
            {
                name: "eks",
                cluster: {
                    server: "https://eks.example.com",
                    "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
                },
            },
        ],
        contexts: [{ name: "eks", context: { cluster: "eks", user: "deployer" } }],
        "current-context": "eks",
        users: [{ name: "deployer", user }],
    });
const exec = {
    exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "aws",
        args: ["eks", "get-token", "--cluster-name", "crm"],
    },
};

describe("pulumi-providers-kubernetes-disallow-embedded-credentials", () => {
    const check = (props: Record<string, any>) =>
        checkResource(disallowEmbeddedCredentials, {
            type: TYPE,
            name: "eks",
            props,
        });

    it("accepts a kubeconfig whose user runs an exec plugin", async () => {
        assert.deepEqual((await check({ kubeconfig: kubeconfig(exec) })).violations, []);
    });

    it("accepts a provider without kubeconfig or with a path to one", async () => {
        assert.deepEqual((await check({})).violations, []);
        assert.deepEqual((await check({ kubeconfig: "~/.kube/config" })).violations, []);
    });

    it("rejects an embedded bearer token", async () => {
        const out = await check({
            kubeconfig: kubeconfig({
                token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.FAKEfakeFAKEfake",
            }),
        });
        assert.deepEqual(out.violations, [
            'Kubernetes provider "eks" kubeconfig user "deployer" embeds a credential in "token" (detector "jwt"); authenticate through an `exec` plugin such as `aws eks get-token` instead.',
        ]);
    });

    it("rejects an embedded client key and password, one message each", async () => {
        const out = await check({
            kubeconfig: kubeconfig({
                "client-key-data": "LS0tLS1CRUdJTiBGQUtFIEtFWS0tLS0t",
                username: "admin",
                password: "hunter22",
            }),
        });
        assert.equal(out.violations.length, 2);
        assert.match(out.violations[0], /in "client-key-data"/);
        assert.match(
            out.violations[1],
            /in "password" \(detector "credential-field"\)|in "password" \(detector "secret-like-key"\)/,
        );
    });

    it("reads a kubeconfig passed as JSON", async () => {
        const out = await check({
            kubeconfig: JSON.stringify({
                users: [{ name: "u", user: { token: "abc123def456" } }],
            }),
        });
        assert.equal(out.violations.length, 1);
    });

    it("reports a kubeconfig it cannot parse instead of passing it", async () => {
        const out = await check({ kubeconfig: "users: [\n  - : : :" });
        assert.deepEqual(out.violations, [
            'Kubernetes provider "eks" has a kubeconfig that could not be parsed, so embedded credentials cannot be ruled out; use a valid kubeconfig whose users authenticate through an `exec` plugin.',
        ]);
    });

    it("leaves a kubeconfig that is unknown during preview to the framework", async () => {
        const out = await check({ kubeconfig: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /kubeconfig/);
    });

    it("does not throw on wrongly typed users", async () => {
        assert.deepEqual(
            (await check({ kubeconfig: JSON.stringify({ users: "x" }) })).violations,
            [],
        );
        assert.deepEqual(
            (
                await check({
                    kubeconfig: JSON.stringify({ users: [null, { user: 3 }] }),
                })
            ).violations,
            [],
        );
    });
});
