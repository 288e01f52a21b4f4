import * as assert from "node:assert/strict";
import { scanValue } from "../../../../policypack/lib/secrets/detector";
import { FORMATS_SOURCE, formatMatches } from "../../../../policypack/lib/secrets/formats";
import data from "../../../../policypack/lib/secrets/formats.generated.json";

// Tokens are built here from a seeded generator, never written out whole: no real-looking
// credential is committed (GitHub push protection), and each run builds the same ones.
function generator(seed: number) {
    let s = seed >>> 0;
    const next = () => {
        s = (s * 1664525 + 1013904223) >>> 0;
        return s / 2 ** 32;
    };
    return (alphabet: string, n: number) =>
        Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
}
const HEX = "0123456789abcdef";
const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URLSAFE = `${B62}_-`;
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const r = generator(19);

// The formats issue #19 names, each with the detector expected to name it.
const FORMATS: Array<[string, string, string, string]> = [
    ["Pulumi access token", "pul-", r(HEX, 40), "pulumi-api-token"],
    ["GCP API key", "AIza", r(URLSAFE, 35), "gcp-api-key"],
    ["Azure AD client secret", r(B62, 3) + "8Q~", r(B62, 34), "azure-ad-client-secret"],
    ["DigitalOcean PAT", "dop_v1_", r(HEX, 64), "digitalocean-pat"],
    ["DigitalOcean OAuth token", "doo_v1_", r(HEX, 64), "digitalocean-access-token"],
    ["Heroku API key", "HRKU-AA", r(URLSAFE, 58), "heroku-api-key-v2"],
    ["Doppler token", "dp.pt.", r(B62, 43), "doppler-api-token"],
    ["PlanetScale token", "pscale_tkn_", r(B62, 43), "planetscale-api-token"],
    ["Terraform Cloud token", r(B62, 14) + ".atlasv1.", r(B62, 67), "hashicorp-tf-api-token"],
    ["Sentry user token", "sntryu_", r(HEX, 64), "sentry-user-token"],
    ["PyPI upload token", "pypi-AgEIcHlwaS5vcmc", r(URLSAFE, 60), "pypi-upload-token"],
    ["Postman API key", "PMAK-", r(HEX, 24) + "-" + r(HEX, 34), "postman-api-token"],
    ["age secret key", "AGE-SECRET-KEY-1", r(BECH32, 58), "age-secret-key"],
    ["GitLab OAuth app secret", "gloas-", r(B62, 64), "gitlab-oauth-app-secret"],
    ["GitLab feed token", "glft-", r(B62, 20), "gitlab-feed-token"],
    ["GitLab incoming mail token", "glimt-", r(B62, 25), "gitlab-incoming-mail-token"],
    ["GitLab agent token", "glagent-", r(B62, 50), "gitlab-kubernetes-agent-token"],
    ["GitLab runner token", "glrt-", r(B62, 20), "gitlab-token"],
    [
        "Slack config refresh token",
        "xoxe-1-",
        r(B62.slice(0, 36), 146),
        "slack-config-refresh-token",
    ],
    [
        "Slack workflow webhook",
        "https://hooks.slack.com/workflows/",
        r(B62, 48),
        "slack-webhook-url",
    ],
    [
        "Microsoft Teams webhook",
        "https://acme.webhook.office.com/webhookb2/",
        `${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}@${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}/IncomingWebhook/${r(HEX, 32)}/${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`,
        "microsoft-teams-webhook",
    ],
    ["Anthropic admin key", "sk-ant-admin01-", r(URLSAFE, 93) + "AA", "anthropic-admin-api-key"],
    [
        "Hugging Face org token",
        "api_org_",
        r(B62.slice(0, 52), 34),
        "huggingface-organization-api-token",
    ],
    ["Fly.io token", "fo1_", r(URLSAFE, 43), "flyio-access-token"],
    ["Alibaba access key id", "LTAI", r(B62, 20), "alibaba-access-key-id"],
    ["RubyGems key", "rubygems_", r(HEX, 48), "rubygems-api-token"],
    ["Square access token", "sq0atp-", r(URLSAFE, 22), "square-access-token"],
];

// What a placeholder keeps after the real prefix.
const PLACEHOLDER_TAILS = [
    "x".repeat(40),
    "0".repeat(40),
    "<token>",
    "${TOKEN}",
    "XXXXXXXXXXXXXXXXXXXXXXXX",
];

describe("policypack/lib/secrets/formats: gitleaks' formats as data", () => {
    it("is generated data with its source, version and licence", () => {
        assert.match(data.source, /gitleaks/);
        assert.match(data.version, /^v\d+\.\d+\.\d+$/);
        assert.match(data.license, /^MIT/);
        assert.deepEqual(FORMATS_SOURCE, { version: data.version, rules: data.rules.length });
        assert.ok(data.rules.length > 200, `${data.rules.length} rules`);
        for (const s of data.skipped) {
            assert.ok(s.reason !== "", s.id);
        }
    });

    it("compiles every rule's and allowlist's regex in JavaScript", () => {
        for (const rule of data.rules) {
            assert.doesNotThrow(() => new RegExp(rule.regex.source, rule.regex.flags), rule.id);
            for (const a of rule.allowlists) {
                for (const re of a.regexes) {
                    assert.doesNotThrow(() => new RegExp(re.source, re.flags), rule.id);
                }
            }
        }
    });

    it("runs a rule's regex only on text holding one of its keywords", () => {
        const token = "pul-" + r(HEX, 40);
        assert.deepEqual(
            [...formatMatches(token)].map((m) => m.rule),
            ["pulumi-api-token"],
        );
        // The same shape without the keyword: the prefilter skips the rule, the regex agrees.
        assert.deepEqual([...formatMatches(token.replace("pul-", "pux-"))], []);
    });

    it("applies the rule's entropy threshold to the secret group", async () => {
        // gcp-api-key wants more than 4 bits/char: 35 characters from eight are at most 3.
        const low = "AIza" + r("AqZ3mK9x", 35);
        assert.deepEqual([...formatMatches(low)], []);
        assert.notEqual((await scanValue(low, "SETTING_VALUE"))?.confidence, "high");
        assert.deepEqual(
            [...formatMatches("AIza" + r(URLSAFE, 35))].map((m) => m.rule),
            ["gcp-api-key"],
        );
    });

    for (const [label, prefix, rest, detector] of FORMATS) {
        const token = prefix + rest;
        describe(label, () => {
            it(`is a mandatory finding under a neutral name (${detector})`, async () => {
                assert.deepEqual(await scanValue(token, "SETTING_VALUE"), {
                    detector,
                    confidence: "high",
                });
            });

            for (const tail of PLACEHOLDER_TAILS) {
                it(`is not mandatory as a placeholder after its prefix: ${prefix}${tail.slice(0, 8)}…`, async () => {
                    for (const name of ["SETTING_VALUE", "API_TOKEN"]) {
                        const f = await scanValue(prefix + tail, name);
                        assert.notEqual(f?.confidence, "high", `${name}: ${f?.detector}`);
                    }
                });
            }
        });
    }

    it("calls a generic assignment advisory and a vendor's format mandatory", async () => {
        const script = `export SERVICE_API_KEY=${r(B62, 7)}9${r(B62, 24)}\n`;
        const generic = [...formatMatches(script)].map((m) => m.rule);
        assert.ok(generic.includes("generic-api-key"), generic.join());
        // The key layer still finds it, being a secret-like name; a neutral one is advisory only.
        assert.equal((await scanValue(script))?.confidence, "high");
        const neutral = `note: ${r(B62, 7)}9${r(B62, 24)} keyspace=${r(B62, 6)}7${r(B62, 20)}`;
        assert.equal((await scanValue(neutral, "SETTING_VALUE"))?.detector, "generic-api-key");
        assert.equal((await scanValue(neutral, "SETTING_VALUE"))?.confidence, "low");
    });

    describe("value-only rules derived from name-bound ones", () => {
        const d = generator(23);
        const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
        const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        const uuid = () => `${d(HEX, 8)}-${d(HEX, 4)}-${d(HEX, 4)}-${d(HEX, 4)}-${d(HEX, 12)}`;
        // Each derived rule: its prefix, a body of the right shape, the body's length.
        const DERIVED: Array<[string, string, string]> = [
            ["defined-networking-api-token", "dnkey-", `${d(LOWER, 26)}-${d(LOWER, 52)}`],
            ["dropbox-short-lived-api-token", "sl.", d(URLSAFE, 135)],
            ["gocardless-api-token", "live_", d(URLSAFE, 40)],
            ["lob-api-key", "test_", d(HEX, 35)],
            ["mailgun-private-api-token", "key-", d(HEX, 32)],
            ["new-relic-browser-api-token", "NRJS-", d(HEX, 19)],
            ["new-relic-insert-key", "NRII-", d(LOWER, 32)],
            ["new-relic-user-api-key", "NRAK-", d(UPPER, 27)],
            ["plaid-api-token", "access-sandbox-", uuid()],
            ["sonar-api-token", "sqp_", d(HEX, 40)],
            ["typeform-api-token", "tfp_", d(URLSAFE, 59)],
            ["yandex-access-token", "t1.", `${d(URLSAFE, 40)}.${d(URLSAFE, 86)}`],
            ["yandex-api-key", "AQVN", d(URLSAFE, 36)],
        ];

        it("are the name-bound rules with a distinctive prefix, each after its own, same id", () => {
            const ids = data.rules.flatMap((rule, i) =>
                "derived" in rule ? [[rule.id, data.rules[i - 1].id]] : [],
            );
            assert.deepEqual(
                ids,
                DERIVED.map(([id]) => [id, id]),
            );
            assert.deepEqual(
                data.notDerived.map((n) => n.id),
                ["lob-pub-api-key", "mailgun-pub-key", "mapbox-api-token"],
            );
        });

        for (const [detector, prefix, body] of DERIVED) {
            describe(`${detector} (${prefix}…)`, () => {
                it("is a mandatory finding under a neutral name", async () => {
                    assert.deepEqual(await scanValue(prefix + body, "SETTING_VALUE"), {
                        detector,
                        confidence: "high",
                    });
                    assert.deepEqual(await scanValue(`export SETTING_VALUE="${prefix}${body}"\n`), {
                        detector,
                        confidence: "high",
                    });
                });

                it("is not mandatory as a placeholder, too short, or mid-name", async () => {
                    const lookalikes = [
                        prefix + "x".repeat(body.length),
                        prefix + "X".repeat(body.length),
                        prefix + "0".repeat(body.length),
                        prefix + body.slice(0, Math.floor(body.length / 2)),
                        `cache-${prefix}${body}`,
                        `build.${prefix}${body}`,
                    ];
                    for (const v of lookalikes) {
                        const f = await scanValue(v, "SETTING_VALUE");
                        assert.notEqual(
                            f?.confidence,
                            "high",
                            `${v.slice(0, 16)}…: ${f?.detector}`,
                        );
                    }
                });
            });
        }

        it("does not take the prefix in prose, or a value of words after it", async () => {
            for (const v of [
                "New Relic user keys start with NRAK- and are 32 characters long",
                "store it as key-value pairs; see the sl. and t1. prefixes in the docs",
                "live_stream_settings_for_the_eu_region_canary",
                "LIVE_STREAM_SETTINGS_FOR_THE_EU_REGION_CANARY",
            ]) {
                const f = await scanValue(v, "SETTING_VALUE");
                assert.notEqual(f?.confidence, "high", `${v}: ${f?.detector}`);
            }
        });

        it("derives nothing from keys public by design: Mapbox pk., Mailgun pubkey-", async () => {
            const mapbox = `pk.${d(LOWER, 60)}.${d(LOWER, 22)}`;
            assert.notEqual((await scanValue(mapbox, "SETTING_VALUE"))?.confidence, "high");
            // Under the vendor's name the name-bound rule still says so, as an advisory.
            assert.deepEqual(await scanValue(mapbox, "MAPBOX_STYLE"), {
                detector: "mapbox-api-token",
                confidence: "low",
            });
            const mailgun = `pubkey-${d(HEX, 32)}`;
            assert.notEqual((await scanValue(mailgun, "SETTING_VALUE"))?.confidence, "high");
        });
    });

    it("takes a vendor's name-bound format under its name as advisory: the name decides", async () => {
        const uuid = `${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`;
        assert.deepEqual(await scanValue(uuid, "HEROKU_APP"), {
            detector: "heroku-api-key",
            confidence: "low",
        });
        assert.equal(await scanValue(uuid, "SETTING_VALUE"), undefined);
        assert.equal((await scanValue(uuid, "HEROKU_API_KEY"))?.confidence, "high");
    });
});
