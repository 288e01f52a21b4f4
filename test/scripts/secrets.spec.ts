import * as assert from "node:assert/strict";
import {
    deriveValueOnly,
    type FormatRule,
    generate,
    isDistinctive,
    literalPrefixes,
} from "../../scripts/secrets/gen-formats";
import { captureGroup, re2ToJs } from "../../scripts/secrets/re2";

const matches = (re2: string, text: string) => {
    const t = re2ToJs(re2);
    return new RegExp(t.source, t.flags).test(text);
};

describe("scripts/secrets: gitleaks' rules to JavaScript", () => {
    describe("re2ToJs", () => {
        it("turns a leading (?i) into the i flag", () => {
            assert.deepEqual(re2ToJs("(?i)abc[d-f]"), { source: "abc[d-f]", flags: "i" });
        });

        it("case-expands (?i:…) groups and keeps (?-i:…) exact inside a case-insensitive pattern", () => {
            assert.equal(matches("x(?i:ab)y", "xABy"), true);
            assert.equal(matches("x(?i:ab)y", "XABy"), false);
            const okta = "(?i)[\\w.-]{0,50}?(?:(?-i:[Oo]kta|OKTA))=([a-z]{4})";
            assert.equal(matches(okta, "MY_OKTA=AbCd"), true);
            assert.equal(matches(okta, "MY_oKTA=AbCd"), false);
        });

        it("applies a (?i) met mid-pattern to the rest of its group only", () => {
            assert.equal(matches('a(?:"(?i)bc")d', 'a"BC"d'), true);
            assert.equal(matches('a(?:"(?i)bc")d', 'a"BC"D'), false);
        });

        it("folds case inside classes, negated ones too", () => {
            assert.equal(matches("(?i:[a-c]+)$", "ABC"), true);
            assert.equal(matches("^(?i:[^a-c])$", "B"), false);
            assert.equal(matches("^(?i:[^a-c])$", "d"), true);
        });

        it("translates \\z, (?s:.), POSIX classes and named groups", () => {
            assert.equal(matches("ab\\z", "ab"), true);
            assert.equal(matches("ab\\z", "abc"), false);
            assert.equal(matches("a(?s:.)b", "a\nb"), true);
            assert.equal(matches("a.b", "a\nb"), false);
            assert.equal(matches("^pat[[:alnum:]]{3}$", "patA1z"), true);
            assert.equal(matches("^pat[[:alnum:]]{3}$", "patA-z"), false);
            assert.equal(re2ToJs("(?P<tok>x)").source, "(?<tok>x)");
        });

        it("refuses what it cannot translate faithfully, with the reason", () => {
            assert.throws(() => re2ToJs("\\p{Greek}+"), /\\p escape/);
            assert.throws(() => re2ToJs("(?U)a+"), /inline flag "U"/);
            assert.throws(() => re2ToJs("(ab"), /unbalanced/);
        });
    });

    describe("captureGroup", () => {
        const body = (source: string, n: number) => {
            const g = captureGroup(source, n);
            return g && source.slice(g.start, g.end);
        };

        it("counts capturing groups by their opening parenthesis, nested ones too", () => {
            assert.equal(body("a(b(c)d)(e)", 1), "b(c)d");
            assert.equal(body("a(b(c)d)(e)", 2), "c");
            assert.equal(body("a(b(c)d)(e)", 3), "e");
            assert.equal(body("a(b(c)d)(e)", 4), undefined);
        });

        it("skips non-capturing, lookaround and flag groups, and counts named ones", () => {
            assert.equal(body("(?:x)(?=y)(?!z)(?<=w)(?<!v)(?i:u)(?i)(t)", 1), "t");
            assert.equal(body("(?:x)(?<tok>ab)(c)", 1), "ab");
            assert.equal(body("(?P<tok>ab)(c)", 2), "c");
        });

        it("ignores parentheses that are escaped or inside character classes", () => {
            assert.equal(body(String.raw`\((a)\)`, 1), "a");
            assert.equal(body("[(](b)[)]", 1), "b");
            assert.equal(body(String.raw`[\](](c)`, 1), "c");
            assert.equal(body("[]()](d)", 1), "d");
            assert.equal(body("[^]()](e)", 1), "e");
            assert.equal(body("[[:alnum:](](f)", 1), "f");
        });

        it("finds gitleaks' secret group in a name-bound rule", () => {
            const sonar =
                String.raw`[\w.\-]{0,50}?(?:sonar[_.\-]?(login|token))(?:[ \t\w.\-]{0,20})[\s'"]{0,3}(?:=|:)[` +
                "`" +
                String.raw`'"\s=]{0,5}((?:squ_|sqp_|sqa_)?[a-z0-9=_\-]{40})(?:[\s;]|\\[nr]|$)`;
            assert.equal(body(sonar, 1), "login|token");
            assert.equal(body(sonar, 2), String.raw`(?:squ_|sqp_|sqa_)?[a-z0-9=_\-]{40}`);
        });

        it("throws on unbalanced parentheses and unterminated classes", () => {
            assert.throws(() => captureGroup("(a", 2), /unbalanced \(/);
            assert.throws(() => captureGroup("a)", 1), /unbalanced \)/);
            assert.throws(() => captureGroup("[a", 1), /unterminated/);
        });
    });

    describe("literalPrefixes and isDistinctive", () => {
        it("reads the literal a secret group starts with, escapes included", () => {
            assert.deepEqual(literalPrefixes("NRAK-[a-z0-9]{27}")?.prefixes, ["NRAK-"]);
            assert.deepEqual(literalPrefixes(String.raw`sl\.[a-z0-9\-=_]{135}`)?.prefixes, ["sl."]);
            assert.deepEqual(
                literalPrefixes("access-(?:sandbox|production)-[0-9a-f]{8}")?.prefixes,
                ["access-"],
            );
        });

        it("expands a leading alternation of literals, and makes an optional one required", () => {
            assert.deepEqual(literalPrefixes("(live|test)_pub_[a-f0-9]{31}"), {
                prefixes: ["live_pub_", "test_pub_"],
                body: "(live|test)_pub_[a-f0-9]{31}",
            });
            assert.deepEqual(literalPrefixes("(?:squ_|sqp_|sqa_)?[a-z0-9]{40}"), {
                prefixes: ["squ_", "sqp_", "sqa_"],
                body: "(?:squ_|sqp_|sqa_)[a-z0-9]{40}",
            });
        });

        it("stops before a quantified character and finds none before a class or a wildcard", () => {
            assert.equal(literalPrefixes("A{22}[a-z]{80}"), undefined);
            assert.deepEqual(literalPrefixes("abcd?e[a-z]")?.prefixes, ["abc"]);
            assert.equal(literalPrefixes("[a-z0-9]{32}"), undefined);
            assert.equal(literalPrefixes(".abcd"), undefined);
            assert.equal(literalPrefixes(String.raw`\dabcd`), undefined);
            assert.equal(literalPrefixes("(?:ab|[cd]e)f"), undefined);
            assert.equal(literalPrefixes("(?:abcd)+e"), undefined);
            // A top-level alternation: the prefix would bind its first branch only.
            assert.equal(literalPrefixes("abcd[0-9]|[a-z]{8}"), undefined);
        });

        it("calls a prefix distinctive at 4 characters, or 3 ending in a separator", () => {
            const yes = ["NRAK-", "AQVN", "key-", "t1.", "sl.", "tfp_"];
            const no = ["00", "su", "b_", "YC", "abc", "t1"];
            assert.deepEqual(
                yes.map(isDistinctive),
                yes.map(() => true),
            );
            assert.deepEqual(
                no.map(isDistinctive),
                no.map(() => false),
            );
        });
    });

    describe("deriveValueOnly", () => {
        const nameBound = (id: string, description: string, secret: string): FormatRule => ({
            id,
            description,
            regex: re2ToJs(
                String.raw`(?i)[\w.\-]{0,50}?(?:acme)(?:[ \t\w.\-]{0,20})[\s'"]{0,3}(?:=|:)[\s'"=]{0,5}(` +
                    secret +
                    String.raw`)(?:[\s'";]|\\[nr]|$)`,
            ),
            secretGroup: 0,
            entropy: 2,
            keywords: ["acme"],
            allowlists: [],
        });
        const derived = (rule: FormatRule): FormatRule => {
            const d = deriveValueOnly(rule);
            assert.ok(typeof d === "object", String(d));
            return d;
        };
        const secret = (rule: FormatRule, text: string) =>
            new RegExp(rule.regex.source, rule.regex.flags).exec(text)?.[rule.secretGroup || 1];

        it("turns a name-bound rule with a distinctive prefix into a value-only one", () => {
            const rule = nameBound("acme-key", "An Acme key", "acmk-[a-z0-9]{12}");
            assert.equal(secret(rule, "SETTING_VALUE=acmk-abcdef123456"), undefined);
            assert.equal(secret(rule, "ACME_KEY=acmk-abcdef123456"), "acmk-abcdef123456");
            const d = derived(rule);
            assert.deepEqual(
                [d.id, d.secretGroup, d.entropy, d.keywords, d.derived, d.regex.flags],
                ["acme-key", 1, 2, ["acmk-"], "value-only from name-bound", "i"],
            );
            assert.equal(secret(d, "SETTING_VALUE=acmk-abcdef123456"), "acmk-abcdef123456");
            assert.equal(secret(d, "ACMK-ABCDEF123456"), "ACMK-ABCDEF123456");
            // The prefix must begin a token, and the secret end where the value does.
            assert.equal(secret(d, "cache-acmk-abcdef123456"), undefined);
            assert.equal(secret(d, "x.acmk-abcdef123456"), undefined);
            assert.equal(secret(d, "acmk-abcdef1234567"), undefined);
        });

        it("keeps the rule's allowlists and adds one for secrets that read as words", () => {
            const rule = nameBound("acme-key", "An Acme key", "acmk_[a-z0-9_]{12}");
            const own = {
                condition: "OR" as const,
                regexTarget: "line" as const,
                regexes: [],
                stopwords: ["x"],
            };
            const d = derived({ ...rule, allowlists: [own] });
            assert.deepEqual(d.allowlists[0], own);
            const words = d.allowlists[1].regexes[0];
            assert.equal(new RegExp(words.source, words.flags).test("acmk_live_feature"), true);
            assert.equal(new RegExp(words.source, words.flags).test("acmk_l1ve_feature"), false);
            assert.equal(new RegExp(words.source, words.flags).test("ACMK_LIVE_FEATURE"), true);
            assert.equal(new RegExp(words.source, words.flags).test("acmk_Live_feature"), false);
        });

        it("derives nothing from a short prefix, a class, or a rule that is not name-bound", () => {
            assert.equal(deriveValueOnly(nameBound("a", "", "00[a-z]{40}")), undefined);
            assert.equal(deriveValueOnly(nameBound("b", "", "[a-f0-9]{32}")), undefined);
            const bare = {
                ...nameBound("c", "", "x"),
                regex: re2ToJs(String.raw`\b(acmk-[a-z]{9})`),
            };
            assert.equal(deriveValueOnly(bare), undefined);
        });

        it("derives nothing from a key public by design, and says why", () => {
            assert.match(
                String(deriveValueOnly(nameBound("a", "An Acme publishable key", "acmk-[a-z]{9}"))),
                /public by design/,
            );
            assert.match(
                String(deriveValueOnly(nameBound("b", "", String.raw`pk\.[a-z]{60}`))),
                /pk\./,
            );
            assert.match(String(deriveValueOnly(nameBound("c", "", "pubkey-[a-z]{9}"))), /pubkey-/);
        });
    });

    describe("generate", () => {
        const toml = `
title = "t"
[allowlist]
paths = ['''\\.png$''']
regexes = ['''^\\$\\{[A-Z_]+\\}$''']
stopwords = ["EXAMPLE"]

[[rules]]
id = "acme-token"
description = "Acme token"
regex = '''(?i)\\b(acme_[a-z0-9]{32})\\b'''
entropy = 3
keywords = ["ACME_"]
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''(?i)sample''']

[[rules]]
id = "php-only"
path = '''(?i)\\.php$'''
regex = '''x'''

[[rules]]
id = "greek"
regex = '''\\p{Greek}{10}'''
keywords = ["x"]
`;

        it("keeps each rule's regex, group, entropy, keywords and allowlists; skips with reasons", async () => {
            const out = await generate(toml, "v9.9.9");
            assert.equal(out.version, "v9.9.9");
            assert.match(out.license, /^MIT/);
            assert.deepEqual(
                out.rules.map((r) => [r.id, r.regex.flags, r.entropy, r.keywords]),
                [["acme-token", "i", 3, ["acme_"]]],
            );
            assert.deepEqual(out.rules[0].allowlists[0].regexTarget, "line");
            assert.deepEqual(
                out.skipped.map((s) => s.id),
                ["php-only", "greek"],
            );
            assert.match(out.skipped[0].reason, /by path/);
            assert.match(out.skipped[1].reason, /not translated/);
            // The global allowlist keeps its regexes and (lowercased) stopwords, not its paths.
            assert.deepEqual(out.allowlist.stopwords, ["example"]);
            assert.equal(out.allowlist.regexes.length, 1);
            assert.deepEqual(out.notDerived, []);
        });

        it("emits a derived value-only rule right after its name-bound rule, with its id", async () => {
            const rule = (id: string, description: string, secret: string) => `
[[rules]]
id = "${id}"
description = "${description}"
regex = '''(?i)[\\w.\\-]{0,50}?(?:acme)(?:[ \\t\\w.\\-]{0,20})[\\s'"]{0,3}(?:=|:)[\\s'"=]{0,5}(${secret})(?:[\\s'";]|\\\\[nr]|$)'''
keywords = ["acme"]
`;
            const out = await generate(
                rule("acme-user-key", "Acme user key", "ACUK-[a-z0-9]{27}") +
                    rule("acme-public-key", "Acme public key", "ACPK-[a-z0-9]{27}") +
                    rule("acme-client-id", "Acme client id", "[a-z0-9]{27}"),
                "v9.9.9",
            );
            assert.deepEqual(
                out.rules.map((r) => [r.id, r.derived, r.keywords]),
                [
                    ["acme-user-key", undefined, ["acme"]],
                    ["acme-user-key", "value-only from name-bound", ["acuk-"]],
                    ["acme-public-key", undefined, ["acme"]],
                    ["acme-client-id", undefined, ["acme"]],
                ],
            );
            assert.deepEqual(
                out.notDerived.map((n) => n.id),
                ["acme-public-key"],
            );
        });
    });
});
