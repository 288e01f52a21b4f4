import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanValue, type SecretFinding } from "../../../policypack/lib/secrets/detector";

interface Entry {
    label: "secret" | "benign";
    kind: string;
    expect?: "high" | "low";
    key?: string;
    value: string;
}

const corpus: Entry[] = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../fixtures/secrets/corpus.json"), "utf8"),
);

/** Precision and recall of the detector over the labelled corpus (any finding counts as "secret"). */
async function measure(): Promise<{
    precision: number;
    recall: number;
    misses: Entry[];
    falseAlarms: Entry[];
    wrongConfidence: Entry[];
}> {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: Entry[] = [];
    const falseAlarms: Entry[] = [];
    const wrongConfidence: Entry[] = [];
    for (const e of corpus) {
        const f: SecretFinding | undefined = await scanValue(e.value, e.key);
        if (e.label === "secret") {
            if (f) {
                tp++;
                if (f.confidence !== (e.expect ?? "high")) {
                    wrongConfidence.push(e);
                }
            } else {
                fn++;
                misses.push(e);
            }
        } else if (f) {
            fp++;
            falseAlarms.push(e);
        }
    }
    return {
        precision: tp / (tp + fp),
        recall: tp / (tp + fn),
        misses,
        falseAlarms,
        wrongConfidence,
    };
}

describe("secret detector on the labelled corpus", () => {
    it("has precision and recall of at least 0.95", async () => {
        const m = await measure();
        console.log(
            `      corpus: ${corpus.length} values, precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}`,
        );
        for (const e of [...m.misses, ...m.falseAlarms, ...m.wrongConfidence]) {
            // Kinds and keys only: the corpus is fake, but the habit of never printing values is kept.
            console.log(`      off: ${e.label} ${e.kind} key=${JSON.stringify(e.key)}`);
        }
        assert.ok(m.precision >= 0.95, `precision ${m.precision}`);
        assert.ok(m.recall >= 0.95, `recall ${m.recall}`);
    });

    it("gives each secret the confidence its label expects", async () => {
        const m = await measure();
        assert.deepEqual(
            m.wrongConfidence.map((e) => `${e.kind} ${e.key}`),
            [],
        );
    });

    it("holds at least one true secret and one look-alike of every detector kind", () => {
        const kinds = new Set(corpus.filter((e) => e.label === "secret").map((e) => e.kind));
        for (const k of [
            "aws-access-key",
            "private-key",
            "github-token",
            "gitlab-token",
            "slack-token",
            "stripe-key",
            "npm-token",
            "vault-token",
            "jwt",
            "basic-auth",
            "database-connection-string",
            "secret-like-key",
            "high-entropy",
        ]) {
            assert.ok(kinds.has(k), k);
        }
        const lookAlikes = new Set(corpus.filter((e) => e.label === "benign").map((e) => e.kind));
        for (const k of [
            "uuid",
            "image-digest",
            "reference",
            "base64-text",
            "path",
            "feature-flag",
            "placeholder",
        ]) {
            assert.ok(lookAlikes.has(k), k);
        }
    });
});
