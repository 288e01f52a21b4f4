import * as assert from "node:assert/strict";
import { disallowPlaintextUrls } from "../../../../../../policypack/policies/transport/kubernetes/core/disallowPlaintextUrls";
import { checkStack, unknown, urn } from "../../../../harness";

const CRONJOB = "kubernetes:batch/v1:CronJob";
const PA = "kubernetes:security.istio.io/v1:PeerAuthentication";
const job = (env: unknown[], name = "crm-erp-sync") => ({
    type: CRONJOB,
    name,
    props: {
        metadata: { namespace: "crm-sync" },
        spec: {
            jobTemplate: {
                spec: { template: { spec: { containers: [{ name: "sync", image: "x:1", env }] } } },
            },
        },
    },
});
const compliantEnv = [
    { name: "CRM_URL", value: "https://crm.internal.example.com/api" },
    { name: "CACHE_URL", value: "rediss://cache.internal.example.com:6379" },
    { name: "BATCH_SIZE", value: "500" },
];
const strict = (namespace: string) => ({
    type: PA,
    name: `${namespace}-strict`,
    props: { metadata: { name: "default", namespace }, spec: { mtls: { mode: "STRICT" } } },
});

describe("kubernetes-core-workload-disallow-plaintext-urls", () => {
    it("accepts TLS URLs and values that are not URLs", async () => {
        const out = await checkStack(disallowPlaintextUrls, [job(compliantEnv)]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects an http:// URL in an env value and names the container, env var and URL", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            job([
                ...compliantEnv,
                { name: "ERP_URL", value: "http://erp.internal.example.com/odata" },
            ]),
        ]);
        assert.deepEqual(out.violations, [
            'CronJob "crm-erp-sync" container "sync" env "ERP_URL" holds plaintext URL "http://erp.internal.example.com/odata", so personal data would cross the network unencrypted; it should use "https": point it at the TLS endpoint (SecureSyncJob accepts only https:// endpoints).',
        ]);
        assert.deepEqual(out.urns, [urn(CRONJOB, "crm-erp-sync")]);
    });

    it("accepts http://localhost in a test job", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            job([{ name: "MOCK_URL", value: "http://localhost:8080/mock" }]),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("redacts credentials in the reported URL", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            job([{ name: "BROKER", value: "amqp://sync:s3cr3t@mq.example.com:5672/" }]),
        ]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /"amqp:\/\/\*\*\*@mq.example.com:5672\/"/);
        assert.doesNotMatch(out.violations[0], /s3cr3t/);
        assert.match(out.violations[0], /should use "amqps"/);
    });

    it("rejects a plaintext URL inside a ConfigMap data value", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            {
                type: "kubernetes:core/v1:ConfigMap",
                name: "cfg",
                props: { data: { "sync.yaml": "ldap: ldap://dir.example.com:389\n" } },
            },
        ]);
        assert.deepEqual(out.violations, [
            'ConfigMap "cfg" data key "sync.yaml" holds plaintext URL "ldap://dir.example.com:389", so personal data would cross the network unencrypted; it should use "ldaps": point it at the TLS endpoint (SecureSyncJob accepts only https:// endpoints).',
        ]);
    });

    it("rejects an in-mesh service URL when its namespace has no STRICT mTLS in the stack, naming MeshNamespace", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            job([{ name: "API", value: "http://crm-api.crm-sync.svc.cluster.local:8080" }]),
        ]);
        assert.deepEqual(out.violations, [
            'CronJob "crm-erp-sync" container "sync" env "API" holds plaintext URL "http://crm-api.crm-sync.svc.cluster.local:8080", so personal data would cross the network unencrypted; it should use "https": point it at the TLS endpoint, or put namespace "crm-sync" under STRICT mTLS (MeshNamespace does).',
        ]);
    });

    it("leaves an in-mesh service URL under STRICT mTLS to the advisory rule", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            strict("crm-sync"),
            job([{ name: "API", value: "http://crm-api.crm-sync.svc:8080" }]),
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("accepts hosts the config allows", async () => {
        const out = await checkStack(
            disallowPlaintextUrls,
            [job([{ name: "LEGACY", value: "http://legacy.partner.example.com" }])],
            { allowedHosts: ["*.partner.example.com"] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("reads a URL in an nginx config without the `;` that ends the directive, so its host can be allowed", async () => {
        // pulumi/examples kubernetes-ts-configmap-rollout: the host was read as "node;".
        const nginx = {
            type: "kubernetes:core/v1:ConfigMap",
            name: "nginx",
            props: { data: { "default.conf": "location / {\n    proxy_pass http://node;\n}\n" } },
        };
        const out = await checkStack(disallowPlaintextUrls, [nginx]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /holds plaintext URL "http:\/\/node", so/);
        const allowed = await checkStack(disallowPlaintextUrls, [nginx], {
            allowedHosts: ["node"],
        });
        assert.deepEqual(allowed.violations, []);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkStack(
            disallowPlaintextUrls,
            [
                job([{ name: "N", value: 5 }, null, "x"]),
                {
                    type: "kubernetes:core/v1:ConfigMap",
                    name: "cfg",
                    props: { data: ["http://a.example.com"] },
                },
            ],
            { allowedHosts: "nope" },
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves an env value that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkStack(disallowPlaintextUrls, [
            job([{ name: "QUEUE_URL", value: unknown.string }]),
        ]);
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /value/);
    });
});
