import * as assert from "node:assert/strict";
import { generate } from "../../scripts/secrets/gen-formats";
import { re2ToJs } from "../../scripts/secrets/re2";

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
        });
    });
});
