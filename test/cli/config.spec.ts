import * as assert from "node:assert/strict";
import {
    parsePolicyPackConfig,
    reconcilePolicyPackConfig,
    unknownPolicyNames,
    type PolicyInfoForConfig,
} from "../../cli/config";
import { UsageError } from "../../cli/errors";

const policies: PolicyInfoForConfig[] = [
    {
        name: "a-rule",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                maxTtl: { type: "number", default: 3600 },
                names: { type: "array", items: { type: "string" }, default: ["x"] },
            },
            required: [],
        },
    },
    { name: "b-rule", enforcementLevel: "advisory" },
];

describe("policy config reconciliation (as the engine does it)", () => {
    it("starts from schema defaults and each policy's own enforcement level", () => {
        const c = reconcilePolicyPackConfig(policies, {}, {});
        assert.deepEqual(c["a-rule"], {
            enforcementLevel: "mandatory",
            properties: { maxTtl: 3600, names: ["x"] },
        });
        assert.deepEqual(c["b-rule"], { enforcementLevel: "advisory", properties: undefined });
    });

    it("applies initialConfig before the file, and `all` before per-policy entries", () => {
        const c = reconcilePolicyPackConfig(
            policies,
            { "a-rule": { properties: { maxTtl: 60 } } },
            parsePolicyPackConfig(
                '{"all": "disabled", "b-rule": {"enforcementLevel": "mandatory"}}',
                "f",
            ),
        );
        assert.deepEqual(c["a-rule"], {
            enforcementLevel: "disabled",
            properties: { maxTtl: 60, names: ["x"] },
        });
        assert.equal(c["b-rule"].enforcementLevel, "mandatory");
    });

    it("keeps defaults for properties the file does not set", () => {
        const c = reconcilePolicyPackConfig(
            policies,
            {},
            parsePolicyPackConfig('{"a-rule": {"names": ["y", "z"]}}', "f"),
        );
        assert.deepEqual(c["a-rule"].properties, { maxTtl: 3600, names: ["y", "z"] });
    });

    it("rejects an invalid enforcement level, naming the policy", () => {
        assert.throws(
            () => parsePolicyPackConfig('{"a-rule": "strict"}', "f.json"),
            /"a-rule" has enforcement level "strict"; use one of advisory, mandatory, remediate, disabled/,
        );
        assert.throws(
            () => parsePolicyPackConfig('{"a-rule": {"enforcementLevel": 3}}', "f.json"),
            /enforcementLevel 3/,
        );
    });

    it("rejects values that are neither a level nor an object, and files that are not JSON objects", () => {
        assert.throws(
            () => parsePolicyPackConfig('{"a-rule": 3}', "f.json"),
            (e: Error) => e instanceof UsageError && /"a-rule" is 3/.test(e.message),
        );
        assert.throws(() => parsePolicyPackConfig("[1]", "f.json"), /must be a JSON object/);
        assert.throws(
            () => parsePolicyPackConfig("{nope", "f.json"),
            /Policy config "f.json" is not valid JSON \(line 1, column 2\)\.$/,
        );
        // Where, never what: V8's message would quote the text around the error.
        assert.throws(
            () => parsePolicyPackConfig('{"a": {"token": Zq3xV9pL2mK8wR4tYb7N}}', "f.json"),
            (e: Error) => !e.message.includes("Zq3xV9pL2mK8wR4tYb7N"),
        );
    });

    it("treats an empty file as no config, as the engine does", () => {
        assert.deepEqual(parsePolicyPackConfig("  \n", "f"), {});
    });

    it("lists every invalid field in one error, sorted", () => {
        assert.throws(
            () =>
                reconcilePolicyPackConfig(
                    policies,
                    {},
                    parsePolicyPackConfig('{"a-rule": {"maxTtl": "1h", "names": [1]}}', "f"),
                ),
            (e: Error) =>
                /Invalid policy config: a-rule: maxTtl: must be number; a-rule: names\.0: must be string\./.test(
                    e.message,
                ),
        );
    });

    it("names policies the pack does not have (the engine ignores them)", () => {
        assert.deepEqual(
            unknownPolicyNames(
                policies,
                parsePolicyPackConfig('{"all": "advisory", "typo-rule": "disabled"}', "f"),
            ),
            ["typo-rule"],
        );
    });
});
