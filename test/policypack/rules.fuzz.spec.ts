// Property-based tests of every rule, run the way the analyzer server runs them (the harness):
// real resources from the family snapshots, one value anywhere inside replaced by an odd one
// (wrong type, null, unknown, huge, unicode, a planted credential). A rule may report, exclude or
// say it cannot run; it must never throw, and never print the credential.
import * as assert from "node:assert/strict";
import fc from "fast-check";
import YAML from "yaml";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../policypack/policies";
import { withExemptions } from "../../policypack/lib/exemptions";
import { FAMILIES } from "../../policypack/lib/meta";
import { parseVaultPolicy } from "../../policypack/lib/vaultPolicy";
import { stateToWire, SECRET_SIG, SIG_KEY } from "../../cli/wire";
import { familySnapshots, fuzzParams, oddValue, paths, plantedToken, replaceAt } from "../fuzz";
import { checkResource, checkStack, type ResourceInput } from "./harness";

/** Wire form → what a rule reads: secrets opened (the server hands rules the value). */
function policyProps(v: unknown): any {
    if (Array.isArray(v)) {
        return v.map(policyProps);
    }
    if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG_KEY] === SECRET_SIG) {
            return policyProps(o.value);
        }
        return Object.fromEntries(Object.entries(o).map(([k, e]) => [k, policyProps(e)]));
    }
    return v;
}

type StackInput = ResourceInput & {
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
};

const stacks: StackInput[][] = familySnapshots().map((s) =>
    s.deployment.resources.map((r) => ({
        type: r.type,
        urn: r.urn,
        name: r.urn.slice(r.urn.lastIndexOf("::") + 2),
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        props: policyProps(stateToWire(r.inputs ?? r.outputs ?? {})),
    })),
);
const seeds = stacks.flat().filter((r) => r.type !== "pulumi:pulumi:Stack");
// As the pack serves them: behind the wrapper every message passes through.
const served = withExemptions(allPolicies);
const resourceRules = served.filter((p): p is ResourceValidationPolicy => "validateResource" in p);
const stackRules = served.filter((p): p is StackValidationPolicy => "validateStack" in p);

/** `props` with one place (never the root: the engine always sends an object) replaced. */
function mutated(props: Record<string, any>, pick: number, value: unknown): Record<string, any> {
    const places = paths(props).slice(1);
    if (places.length === 0) {
        return { value };
    }
    return replaceAt(props, places[pick % places.length], value) as Record<string, any>;
}

const replacement = fc.oneof(
    { arbitrary: oddValue, weight: 4 },
    { arbitrary: plantedToken, weight: 1 },
);

function assertNoToken(messages: string[], token: unknown, rule: string): void {
    if (typeof token === "string" && token.startsWith("ghp_")) {
        for (const m of messages) {
            assert.ok(!m.includes(token), `${rule} printed the planted credential: ${m}`);
        }
    }
}

describe("every rule on generated input (property-based)", function () {
    this.timeout(600_000);

    it("has seeds of every family and rules of both kinds to fuzz", () => {
        assert.equal(stacks.length, FAMILIES.length, "one family snapshot per family");
        assert.ok(seeds.length > 50 && resourceRules.length > 50 && stackRules.length > 5);
    });

    it("resource rules never throw on a mutated resource and never print a planted credential", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.constantFrom(...seeds),
                fc.nat(),
                replacement,
                async (seed, pick, value) => {
                    const input = { ...seed, props: mutated(seed.props, pick, value) };
                    for (const rule of resourceRules) {
                        const out = await checkResource(rule, input);
                        assertNoToken(out.violations, value, rule.name);
                    }
                },
            ),
            fuzzParams(60),
        );
    });

    it("stack rules never throw on a stack with one mutated resource and never print a planted credential", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.constantFrom(...stacks.keys()),
                fc.nat(),
                fc.nat(),
                replacement,
                async (which, at, pick, value) => {
                    const stack = [...stacks[which]];
                    const i = at % stack.length;
                    stack[i] = { ...stack[i], props: mutated(stack[i].props, pick, value) };
                    for (const rule of stackRules) {
                        const out = await checkStack(rule, stack);
                        assertNoToken(out.violations, value, rule.name);
                    }
                },
            ),
            fuzzParams(30),
        );
    });

    /** Where a resource carries a document the rules must read, and how they say it is unreadable. */
    const CARRIERS: {
        type: string;
        field: string;
        base?: Record<string, unknown>;
        json: boolean;
    }[] = [
        { type: "aws:iam/policy:Policy", field: "policy", json: true },
        { type: "aws:iam/rolePolicy:RolePolicy", field: "policy", json: true },
        { type: "aws:iam/userPolicy:UserPolicy", field: "policy", json: true },
        { type: "aws:iam/groupPolicy:GroupPolicy", field: "policy", json: true },
        { type: "aws:iam/role:Role", field: "assumeRolePolicy", json: true },
        {
            type: "aws:sqs/queuePolicy:QueuePolicy",
            field: "policy",
            base: { queueUrl: "q" },
            json: true,
        },
        {
            type: "aws:sns/topicPolicy:TopicPolicy",
            field: "policy",
            base: { arn: "t" },
            json: true,
        },
        {
            type: "aws:s3/bucketPolicy:BucketPolicy",
            field: "policy",
            base: { bucket: "b" },
            json: true,
        },
        { type: "aws:kms/key:Key", field: "policy", base: { enableKeyRotation: true }, json: true },
        { type: "vault:index/policy:Policy", field: "policy", base: { name: "p" }, json: false },
        { type: "pulumi:providers:kubernetes", field: "kubeconfig", json: false },
    ];

    it("the pack fails closed on every document it must read but cannot parse", async () => {
        const mandatory = resourceRules.filter((r) => r.enforcementLevel === "mandatory");
        const unparsable = fc.oneof(
            fc.string({ minLength: 1 }),
            fc.constantFrom("{", "[", '{"Statement": [', 'path "x" {', "- a: [", "\u0000"),
        );
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...CARRIERS), unparsable, async (c, text) => {
                if (c.json) {
                    try {
                        const v = JSON.parse(text);
                        fc.pre(v === null || typeof v !== "object");
                    } catch {
                        // not JSON: what this property is about
                    }
                }
                if (c.type === "vault:index/policy:Policy") {
                    // Comments and blank text are valid HCL (a policy that grants nothing).
                    fc.pre(!(await parseVaultPolicy(text)).ok);
                }
                if (c.field === "kubeconfig") {
                    // A kubeconfig that reads as one string is a path to a file (the provider's
                    // own rule), not its contents: it is not read, so not this property's case.
                    let doc: unknown;
                    try {
                        doc = YAML.parse(text, { logLevel: "error" });
                    } catch {
                        doc = undefined;
                    }
                    fc.pre(typeof doc !== "string" && doc !== null);
                }
                const said: string[] = [];
                for (const rule of mandatory) {
                    const props = { ...c.base, [c.field]: text };
                    said.push(...(await checkResource(rule, { type: c.type, props })).violations);
                }
                const unreadable = said.filter((m) =>
                    / cannot be (checked|read)|could not be parsed|cannot be read/.test(m),
                );
                assert.ok(
                    unreadable.length > 0 || (!c.json && said.length > 0),
                    `${c.type}.${c.field} = ${JSON.stringify(text)} passed the mandatory rules: ${JSON.stringify(said)}`,
                );
                if (c.type.startsWith("aws:iam/") && c.field === "policy") {
                    assert.equal(
                        unreadable.length,
                        1,
                        "an identity policy's unreadable document, once",
                    );
                }
            }),
            fuzzParams(120),
        );
    });
});
