import * as assert from "node:assert/strict";
import {
    configUrlFindings,
    findPlaintextUrls,
    isHttpsUrl,
    isLoopbackHost,
    namespaceOf,
    parseUrl,
    serviceHost,
} from "../../../policypack/lib/urls";

describe("lib/urls", () => {
    describe("parseUrl", () => {
        it("splits scheme, host and port and lower-cases them", () => {
            const u = parseUrl("HTTP://CRM.example.com:8080/api?x=1");
            assert.equal(u?.scheme, "http");
            assert.equal(u?.host, "crm.example.com");
            assert.equal(u?.port, "8080");
            assert.equal(u?.query, "x=1");
        });

        it("redacts userinfo and secret-looking query parameters", () => {
            const u = parseUrl("redis://:hunter2@cache.internal:6379/0?password=hunter2&db=1");
            assert.equal(u?.redacted, "redis://***@cache.internal:6379/0?password=***&db=1");
        });

        it("reads bracketed IPv6 hosts", () => {
            assert.equal(parseUrl("http://[::1]:8080/")?.host, "::1");
        });

        it("returns undefined for text that is not a URL", () => {
            assert.equal(parseUrl("not a url"), undefined);
        });
    });

    describe("findPlaintextUrls", () => {
        it("finds plaintext URLs of every listed scheme and names their TLS form", () => {
            const found = findPlaintextUrls(
                "a=http://a.example.com b=amqp://mq.example.com c=ldap://dir.example.com",
            );
            assert.deepEqual(
                found.map((f) => [f.scheme, f.host, f.secureForm]),
                [
                    ["http", "a.example.com", "https"],
                    ["amqp", "mq.example.com", "amqps"],
                    ["ldap", "dir.example.com", "ldaps"],
                ],
            );
        });

        it("leaves the punctuation that ends a statement or a sentence out of the URL", () => {
            const found = findPlaintextUrls(
                "proxy_pass http://node; (see http://crm.ns.svc.cluster.local:8080/api). url=http://a.example.com,",
            );
            assert.deepEqual(
                found.map((f) => [f.host, f.redacted]),
                [
                    ["node", "http://node"],
                    ["crm.ns.svc.cluster.local", "http://crm.ns.svc.cluster.local:8080/api"],
                    ["a.example.com", "http://a.example.com"],
                ],
            );
        });

        it("accepts the TLS forms", () => {
            assert.deepEqual(
                findPlaintextUrls(
                    "https://a.example.com rediss://c.example.com amqps://m.example.com",
                ),
                [],
            );
        });

        it("accepts mongodb and postgres URLs that turn TLS on and rejects those that do not", () => {
            assert.deepEqual(findPlaintextUrls("mongodb://db.example.com/app?tls=true"), []);
            assert.deepEqual(
                findPlaintextUrls("postgres://db.example.com/app?sslmode=verify-full"),
                [],
            );
            assert.equal(findPlaintextUrls("mongodb://db.example.com/app").length, 1);
            assert.equal(
                findPlaintextUrls("postgres://db.example.com/app?sslmode=disable").length,
                1,
            );
        });

        it("ignores loopback hosts", () => {
            assert.deepEqual(
                findPlaintextUrls("http://localhost:8080 http://127.0.0.1/ http://[::1]/"),
                [],
            );
        });

        it("ignores schemes it does not know", () => {
            assert.deepEqual(findPlaintextUrls("s3://bucket/key file:///tmp/x"), []);
        });
    });

    it("recognises loopback hosts and nothing else", () => {
        assert.equal(isLoopbackHost("localhost"), true);
        assert.equal(isLoopbackHost("api.localhost"), true);
        assert.equal(isLoopbackHost("127.10.0.1"), true);
        assert.equal(isLoopbackHost("localhost.example.com"), false);
        assert.equal(isLoopbackHost("10.0.0.1"), false);
    });

    it("reads in-cluster service names and their namespace", () => {
        assert.deepEqual(serviceHost("crm-api.crm-sync.svc.cluster.local"), {
            service: "crm-api",
            namespace: "crm-sync",
        });
        assert.deepEqual(serviceHost("crm-api.crm-sync.svc"), {
            service: "crm-api",
            namespace: "crm-sync",
        });
        assert.equal(serviceHost("crm-api.example.com"), undefined);
    });

    it("tells https URLs from everything else without throwing on wrong types", () => {
        assert.equal(isHttpsUrl("https://vault.example.com:8200"), true);
        assert.equal(isHttpsUrl("http://vault.example.com"), false);
        assert.equal(isHttpsUrl(42), false);
        assert.equal(isHttpsUrl(undefined), false);
    });

    describe("configUrlFindings", () => {
        it("names the container and env var of a plaintext URL in a CronJob", () => {
            const props = {
                spec: {
                    jobTemplate: {
                        spec: {
                            template: {
                                spec: {
                                    containers: [
                                        {
                                            name: "sync",
                                            env: [
                                                {
                                                    name: "CRM_URL",
                                                    value: "http://crm.example.com",
                                                },
                                                { name: "OK", value: "https://erp.example.com" },
                                                {
                                                    name: "FROM",
                                                    valueFrom: {
                                                        secretKeyRef: { name: "s", key: "k" },
                                                    },
                                                },
                                            ],
                                        },
                                    ],
                                },
                            },
                        },
                    },
                },
            };
            const found = configUrlFindings("kubernetes:batch/v1:CronJob", props);
            assert.deepEqual(
                found.map((f) => [f.place, f.url.redacted]),
                [['container "sync" env "CRM_URL"', "http://crm.example.com"]],
            );
        });

        it("names the data key of a plaintext URL in a ConfigMap", () => {
            const found = configUrlFindings("kubernetes:core/v1:ConfigMap", {
                data: {
                    "app.yaml": "crm: http://crm.example.com\nerp: https://erp.example.com\n",
                    n: 3,
                },
            });
            assert.deepEqual(
                found.map((f) => f.place),
                ['data key "app.yaml"'],
            );
        });

        it("does not throw on wrongly typed fields", () => {
            assert.deepEqual(
                configUrlFindings("kubernetes:apps/v1:Deployment", {
                    spec: { template: { spec: { containers: "x" } } },
                }),
                [],
            );
            assert.deepEqual(
                configUrlFindings("kubernetes:core/v1:Pod", {
                    spec: { containers: [{ env: [null, 3, { value: 5 }] }] },
                }),
                [],
            );
            assert.deepEqual(configUrlFindings("kubernetes:core/v1:ConfigMap", { data: "x" }), []);
        });
    });

    it('reads a resource\'s namespace, defaulting to "default"', () => {
        assert.equal(namespaceOf({ metadata: { namespace: "crm-sync" } }), "crm-sync");
        assert.equal(namespaceOf({}), "default");
    });
});
