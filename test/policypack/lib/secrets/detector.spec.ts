import * as assert from "node:assert/strict";
import {
    describeFinding,
    isPlaceholderToken,
    isClearlyNotSecret,
    isSecretLikeKey,
    redactCredentials,
    scanValue,
    shannonEntropy,
    UNREADABLE_SECRET,
} from "../../../../policypack/lib/secrets/detector";

describe("policypack/lib/secrets/detector", () => {
    describe("redactCredentials", () => {
        it("replaces every credential in a known format, wherever it stands in the text", () => {
            assert.equal(
                redactCredentials(
                    'key AKIAIOSFODNN7EXAMPLE and url "postgres://sync:hunter2@db:5432/erp" twice AKIAIOSFODNN7EXAMPLE',
                ),
                'key [redacted aws-access-key] and url "[redacted database-connection-string]db:5432/erp" twice [redacted aws-access-key]',
            );
        });

        it("leaves text without a credential exactly as it was", () => {
            const text =
                'Queue "crm-events" uses key "alias/aws/sqs" at https://sqs.eu-west-1.amazonaws.com/1/q';
            assert.equal(redactCredentials(text), text);
        });
    });

    describe("isSecretLikeKey", () => {
        it("recognises secret words in any case and separator", () => {
            for (const k of [
                "password",
                "DB_PASSWORD",
                "dbPassword",
                "db-passwd",
                "api_key",
                "apiKey",
                "X-API-KEY",
                "private_key",
                "privateKey",
                "credentials",
                "auth",
                "authToken",
                "CLIENT_SECRET",
                "secretString",
                "dbpassword",
                "token",
                "PW",
                "my_pw",
                "PSWD",
                "X3_PSWD",
                "PASWRD",
                "PSSWORD",
            ]) {
                assert.equal(isSecretLikeKey(k), true, k);
            }
        });

        it("does not treat keys that describe a secret as holding one", () => {
            for (const k of [
                "PASSWORD_FILE",
                "DB_CREDENTIALS_FILE",
                "tokenTtl",
                "TOKEN_PATH",
                "SECRET_NAME",
                "authMethod",
                "kmsKeyId",
                "author",
                "BATCH_SIZE",
                "passwordLength",
                "PW_LENGTH",
                "PWM_CHANNEL",
                "POWER",
                "",
            ]) {
                assert.equal(isSecretLikeKey(k), false, k);
            }
        });

        it("returns false for a key of the wrong type instead of throwing", () => {
            assert.equal(isSecretLikeKey(42 as any), false);
        });
    });

    describe("isClearlyNotSecret", () => {
        it("accepts references, paths, templates, placeholders, booleans and numbers", () => {
            for (const v of [
                "",
                " ",
                "true",
                "3600",
                "24h",
                "/vault/secrets/db",
                "database/creds/crm",
                "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x",
                "${DB_PASSWORD}",
                "{{ .Values.password }}",
                "$(DB_PASSWORD)",
                "changeme",
                "<your-token>",
                "https://crm.example.com/api",
            ]) {
                assert.equal(isClearlyNotSecret(v), true, JSON.stringify(v));
            }
        });

        it("does not excuse literals, URLs with a password or with a token parameter", () => {
            for (const v of [
                "hunter2",
                "Adm1n!CrmErp#2am",
                "https://u:p4ss@host/x",
                "https://host/x?token=abc123",
            ]) {
                assert.equal(isClearlyNotSecret(v), false);
            }
        });
    });

    describe("scanValue", () => {
        it("names the known-format detector that fired", async () => {
            assert.deepEqual(await scanValue("AKIAIOSFODNN7EXAMPLE"), {
                detector: "aws-access-key",
                confidence: "high",
            });
            assert.deepEqual(await scanValue("xx postgres://sync:Sup3rS3cret@db:5432/crm xx"), {
                detector: "database-connection-string",
                confidence: "high",
            });
            assert.deepEqual(await scanValue("hvs.FAKEfakeFAKEfake0000legacySync"), {
                detector: "vault-token",
                confidence: "high",
            });
        });

        it("finds a SendGrid key by gitleaks' format, named by gitleaks' rule id", async () => {
            const f = await scanValue(
                "SG.FAKEfakeFAKEfake000000.FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake000",
            );
            assert.deepEqual(f, { detector: "sendgrid-api-token", confidence: "high" });
        });

        it("flags a literal under a secret-like key and not the same literal under a neutral key", async () => {
            assert.deepEqual(await scanValue("hunter2", "DB_PASSWORD"), {
                detector: "secret-like-key",
                confidence: "high",
            });
            assert.equal(await scanValue("hunter2", "DB_USER"), undefined);
        });

        it("accepts a Vault-rendered file path under a password key", async () => {
            assert.equal(await scanValue("/vault/secrets/db", "PASSWORD_FILE"), undefined);
            assert.equal(await scanValue("/vault/secrets/db", "DB_PASSWORD"), undefined);
        });

        it("reports the encrypted-secret marker of a state file as a stored secret", async () => {
            assert.deepEqual(await scanValue(UNREADABLE_SECRET, "anything"), {
                detector: "stored-secret",
                confidence: "high",
            });
        });

        it("finds secret-like assignments in scripts and names the variable, not the value", async () => {
            const f = await scanValue("#!/bin/sh\nexport DB_PASSWORD=hunter22\nrun\n", "userData");
            assert.deepEqual(f, {
                detector: "secret-like-key",
                confidence: "high",
                at: "DB_PASSWORD",
            });
        });

        it("finds secrets in JSON documents and names the key path", async () => {
            const f = await scanValue(JSON.stringify({ db: { host: "db", password: "hunter22" } }));
            assert.deepEqual(f, {
                detector: "secret-like-key",
                confidence: "high",
                at: "db.password",
            });
        });

        it("reports random tokens under neutral keys with low confidence only", async () => {
            assert.deepEqual(
                await scanValue("DL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJ", "SYNC_CONFIG"),
                { detector: "high-entropy", confidence: "low" },
            );
            assert.equal(
                await scanValue("0b1f4a2c-6d2e-4f0a-9e3b-5c1d2e3f4a5b", "REQUEST_ID"),
                undefined,
            );
            assert.equal(
                await scanValue(
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "SHA",
                ),
                undefined,
            );
        });

        it("returns nothing for empty or wrongly typed values instead of throwing", async () => {
            assert.equal(await scanValue(""), undefined);
            assert.equal(await scanValue(undefined as any), undefined);
            assert.equal(await scanValue(42 as any, "password"), undefined);
            assert.equal(await scanValue({ password: "x" } as any, "password"), undefined);
        });

        it("never returns any part of the value it was given", async () => {
            const planted = [
                "Adm1n!CrmErp#2am",
                "AKIAIOSFODNN7EXAMPLE",
                "hvs.FAKEfakeFAKEfake0000legacySync",
                "postgres://sync:Sup3rS3cret@db:5432/crm",
            ];
            for (const v of planted) {
                const f = await scanValue(v, "DB_PASSWORD");
                assert.ok(f);
                const text = JSON.stringify(f) + describeFinding(f);
                assert.ok(!text.includes(v), "finding leaks the value");
                assert.ok(
                    !/Sup3rS3cret|FAKEfake|Adm1n|IOSFODNN/.test(text),
                    "finding leaks part of the value",
                );
            }
        });
    });

    describe("scanValue on JSON documents: an advisory leaf never hides a mandatory one", () => {
        const aws = "AKIA" + "Q3ZJ7WXN2B5K4HRT";

        it("reports the AWS key after a leaf only a generic rule matches", async () => {
            const doc = JSON.stringify({ note: "api_key=Zq3xV9pL2mK8wR4tYb7N", aws });
            assert.deepEqual(await scanValue(doc, "CONFIG"), {
                detector: "aws-access-key",
                confidence: "high",
                at: "aws",
            });
        });

        it("keeps the advisory finding when no leaf is mandatory, and scans strings in arrays", async () => {
            const doc = JSON.stringify({ note: "api_key=Zq3xV9pL2mK8wR4tYb7N", region: "eu" });
            assert.deepEqual(await scanValue(doc, "CONFIG"), {
                detector: "generic-api-key",
                confidence: "low",
                at: "note",
            });
            assert.equal((await scanValue(JSON.stringify(["eu-west-1", aws]), "L"))?.at, "[1]");
            assert.equal(await scanValue(JSON.stringify(["eu-west-1", "crm"]), "L"), undefined);
        });
    });

    describe("scanValue on documents: assignments as people write them", () => {
        const flags = async (text: string) => (await scanValue(text)) !== undefined;

        it("never reads an empty `X=` across the line break into the next line", async () => {
            assert.equal(await flags("DB_PASSWORD=\nHOST=db.internal"), false);
            // The look-alike: the value on its own line is still read.
            assert.equal(await flags("HOST=db.internal\nDB_PASSWORD=Sup3rS3cret!x"), true);
        });

        it("reads the next assignment on the same line after an unquoted value", async () => {
            assert.equal(await flags("MODE=1 DB_PASSWORD=Sup3rS3cret!x"), true);
        });

        it("takes the token after an HTTP auth scheme as the value, so a reference there is not a secret", async () => {
            assert.equal(await flags("Authorization: Bearer $API_TOKEN"), false);
            assert.equal(await flags("Authorization: Basic ${CREDENTIALS}"), false);
            assert.equal(
                await flags("Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
                true,
            );
        });

        it("leaves External Secrets' `secretKey: <name>` alone, but not a secret key written there", async () => {
            assert.equal(
                await flags("data:\n  - secretKey: db-password\n    remoteRef:\n      key: crm/db"),
                false,
            );
            assert.equal(await flags("secretKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), true);
        });

        it("reads a legacy Vault `s.` token only as 24 mixed base62 characters, not a 24-letter identifier", async () => {
            assert.equal((await scanValue("s.Qf1s5zigZ4OX6akYjQXJC1jY"))?.detector, "vault-token");
            assert.equal(
                (await scanValue("settings.abcdefghijklmnopqrstuvwx"))?.detector,
                undefined,
            );
            assert.equal((await scanValue("s.abcdefghijklmnopqrstuvwx"))?.detector, undefined);
        });
    });

    describe("placeholders keep real prefixes: a guard before every verdict", () => {
        const placeholders = [
            `ghp_${"x".repeat(36)}`,
            "AKIAXXXXXXXXXXXXXXXX",
            "xoxb-xxxxxxxxx-xxxxxxxxxxxx",
            "glpat-XXXXXXXXXXXXXXXXXXXX",
            "s.xxxxxxxxxxxxxxxxxxxxxxxx",
            "0000000000000000",
            "sk_live_${STRIPE_KEY}",
            "glpat-<your-token>",
            "ghp_changeme_changeme_changeme_chang",
            // Seven characters in sequence, made up by a person.
            "sk_live_1234567FAKEkq9TzL2vW8yR",
            // Three distinct characters: a pattern, not a random token.
            "ghp_101011001000101010100101010101010101",
            // Six x's (or four *'s) in a row, and a trailing run of one character after a long prefix.
            "tgp_v1_LRvIfXDN2VjuqCi5zcGzrMx3oIwIxxxxxxxx",
            "pypi-AgEIcHlwaS5vcmc000000000000000000000000",
        ];
        for (const value of placeholders) {
            it(`is never a mandatory finding: ${value}`, async () => {
                assert.equal(isPlaceholderToken(value), true);
                for (const key of ["SETTING_VALUE", "GITHUB_TOKEN"]) {
                    assert.notEqual((await scanValue(value, key))?.confidence, "high", key);
                }
            });
        }

        const real = [
            ["ghp_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6", "github-token"],
            ["AKIAQ7Z2N4K6M8P3R5T1", "aws-access-key"],
            // The AWS documentation's example key is a real-format value, not excused.
            ["AKIAIOSFODNN7EXAMPLE", "aws-access-key"],
            // The look-alikes of the guards above: a real shape with no run, no pattern.
            ["sk_live_9Kq2TzL7vW3yR8mN4pX6bJ1c", "stripe-key"],
            ["ghp_1a0Z1b0Y1c0X1d0W1e0V1f0U1g0T1h0S1i0R", "github-token"],
        ];
        for (const [value, detector] of real) {
            it(`still finds the look-alike real token ${value}`, async () => {
                assert.equal(isPlaceholderToken(value), false);
                assert.equal((await scanValue(value, "SETTING_VALUE"))?.detector, detector);
            });
        }

        it("judges one token, so a document that holds a template still has its secrets found", async () => {
            const script = "export URL=${BASE_URL}\nexport AWS_ACCESS_KEY_ID=AKIAQ7Z2N4K6M8P3R5T1";
            assert.equal(isPlaceholderToken(script), false);
            assert.notEqual(await scanValue(script), undefined);
        });
    });

    describe("the key layer: references in other tools' syntax, and numeric secrets", () => {
        const under = async (value: string, key: string) => (await scanValue(value, key))?.detector;

        it("takes Terraform, {Name}, %NAME% and command-substitution references for references", async () => {
            for (const ref of [
                "var.db_password",
                "local.creds.password",
                "{SumoAccessKey}",
                "%TestSourcePassword%",
                "`cat /run/secrets/db`",
                "$(vault kv get -field=password secret/crm)",
            ]) {
                assert.equal(await under(ref, "DB_PASSWORD"), undefined, ref);
            }
        });

        it("finds a private-key block by its header and body, not a header alone", async () => {
            const header = "-----BEGIN RSA PRIVATE KEY-----";
            assert.equal(await under(header, "SETTING_VALUE"), undefined);
            assert.equal(
                await under(`${header}\nMIIEpQIBAAKCAQEAFAKE`, "SETTING_VALUE"),
                "private-key",
            );
        });

        it("takes Jasypt's ENC(…) ciphertext and a quoted placeholder for what they are", async () => {
            assert.equal(await under("ENC(2dfRFqV/cS6TzRd+JyO=)", "DB_PASSWORD"), undefined);
            assert.equal(await under("'changeit'", "KEYSTORE_PASSWORD"), undefined);
            // The look-alikes: a literal that merely mentions ENC, a quoted literal password.
            assert.equal(await under("ENC-2dfRFqV/cS6TzRd", "DB_PASSWORD"), "secret-like-key");
            assert.equal(await under("'hunter2-Kq9'", "KEYSTORE_PASSWORD"), "secret-like-key");
        });

        it("still reports literals that only look like those references", async () => {
            for (const literal of ["{Sup3rS3cret!}", "var.x Sup3rS3cret", "%Sup3r S3cret%"]) {
                assert.equal(await under(literal, "DB_PASSWORD"), "secret-like-key", literal);
            }
        });

        it("reports six digits or more under a secret's name, and leaves short numbers and durations", async () => {
            assert.equal(await under("48213977", "DB_PASSWORD"), "secret-like-key");
            assert.equal(
                await under("48213977013826154097135522104819", "CLIENT_SECRET"),
                "secret-like-key",
            );
            for (const setting of ["0", "3600", "30s", "720h"]) {
                assert.equal(await under(setting, "TOKEN"), undefined, setting);
            }
        });
    });

    describe("the key layer: keys, user:password pairs, Authorization values, unpadded base64", () => {
        const under = async (value: string, key: string) => {
            const f = await scanValue(value, key);
            return f?.confidence === "high" ? f.detector : undefined;
        };
        const b64 = (text: string) => Buffer.from(text).toString("base64");

        it("takes key material under a name that ends in a key for a secret", async () => {
            for (const [key, value] of [
                ["TLS_CA_KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"],
                ["NEW_RELIC_INSERT_KEY", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"],
                ["aesKey", "3f2a9c0d4b1e8f7a6c5d4e3f2a1b0c9d"],
                ["X-Amz-Key", "Rb5hEWw692DG19we/Tn4Sussby"],
                ["KEY", "a1B2c3D4e5F6g7H8"],
            ]) {
                assert.equal(await under(value, key), "secret-like-key", key);
            }
        });

        it("leaves keys that hold no secret, and key names over names or ids", async () => {
            for (const [key, value] of [
                ["PRIMARY_KEY", "customer_id_2024_v1"],
                ["SORT_KEY", "createdAt2024Index"],
                ["CACHE_KEY", "user-profile-v2-eu-west-1"],
                ["OBJECT_KEY", "uploads/2024/01/file-1234567890.png"],
                ["PUBLIC_KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"],
                ["GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D"],
                ["KMS_KEY", "1234abcd-12ab-34cd-56ef-1234567890ab"],
                ["TLS_CA_KEY", "ca-key"],
                ["TLS_CA_KEY", "v1.2.3-rc1-build2024"],
            ]) {
                assert.equal(await under(value, key), undefined, `${key}=${value}`);
            }
        });

        it("takes `user:password` under a user's name, and not a user, a port or a reference", async () => {
            assert.equal(await under("admin:S3cr3tPassw0rd!", "DB_USER"), "secret-like-key");
            for (const value of [
                "admin",
                "admin:5432",
                "admin:${DB_PASSWORD}",
                "admin:xxxxxxxxxx",
            ]) {
                assert.equal(await under(value, "DB_USER"), undefined, value);
            }
            // The same pair under a neutral name could be an image and its tag.
            assert.equal(await under("admin:S3cr3tPassw0rd!", "SETTING_VALUE"), undefined);
        });

        it("takes an Authorization value under any name, unless its credential is a reference", async () => {
            const basic = `Basic ${b64("crm-sync:S3cr3tPassw0rd!")}`;
            assert.equal(await under(basic, "AUTH_HEADER"), "authorization-header");
            assert.equal(await under(basic, "SETTING_VALUE"), "authorization-header");
            assert.equal(
                await under("Bearer a1B2c3D4e5F6g7H8i9J0k1L2", "HTTP_HEADER"),
                "authorization-header",
            );
            for (const value of [
                "Bearer $TOKEN",
                "Bearer ${TOKEN}",
                "Bearer xxxxxxxxxxxxxxxxxxxxxxxx",
                `Basic ${b64("hello world")}`,
                "Bearer short1",
                "Basic realm=crm",
            ]) {
                assert.equal(await under(value, "AUTH_HEADER"), undefined, value);
            }
        });

        it("takes schema and descriptive placeholders, code lookups and a bare PEM header for what they are", async () => {
            for (const [key, value] of [
                ["SecretApiKey", "string"],
                ["DB_PASSWORD", "username"],
                ["APP_SECRET", "my-client-password"],
                ["API_KEY", "YOUR_API_KEY"],
                ["SECRET", 'os.getenv("CRM_SECRET")'],
                ["SECRET", "os.getenv("],
                ["TOKEN", "process.env.CRM_TOKEN"],
                ["PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\\n"],
                ["PRIVATE_KEY", "-----BEGIN EC PRIVATE KEY-----"],
            ]) {
                assert.equal(await under(value, key), undefined, `${key}=${value}`);
            }
            // The look-alikes: literals that only resemble them.
            for (const [key, value] of [
                ["DB_PASSWORD", "strings-Kq9x"],
                ["DB_PASSWORD", "my-Kq9zT2-password"],
                ["DB_PASSWORD", "mysuperpassword"],
                ["SECRET", "env-Kq9zT2vW8yR3"],
            ]) {
                assert.equal(await under(value, key), "secret-like-key", `${key}=${value}`);
            }
            assert.equal(
                await under("-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEAFAKE", "PRIVATE_KEY"),
                "private-key",
            );
        });

        it("reads a name's last word without its trailing number (`pass_mask32` is a mask)", async () => {
            assert.equal(await under("0x31c45018", "pass_mask32"), undefined);
            assert.equal(isSecretLikeKey("PASSWORD_FILE2"), false);
            assert.equal(await under("0x31c45018Kq9", "DB_PASSWORD2"), "secret-like-key");
        });

        it("decodes base64 without its padding, from 16 characters on", async () => {
            const unpadded = b64("DB_PASSWORD=hunter2025").replace(/=+$/, "");
            assert.notEqual(unpadded.length % 4, 0);
            assert.equal(await under(unpadded, "SETTING_VALUE"), "base64-secret-like-key");
            const prose = b64("the sync runs at two").replace(/=+$/, "");
            assert.equal(await under(prose, "SETTING_VALUE"), undefined);
        });
    });

    describe("shannonEntropy", () => {
        it("is 0 for one repeated character and log2(n) for n distinct ones", () => {
            assert.equal(shannonEntropy("aaaa"), 0);
            assert.equal(shannonEntropy("abcd"), 2);
        });
    });
});
