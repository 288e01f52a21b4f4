// Property-based tests of every rule, run the way the analyzer server runs them (the harness):
// real resources from the family snapshots, one value anywhere inside replaced by an odd one
// (wrong type, null, unknown, huge, unicode, a planted credential). A rule may report, exclude or
// say it cannot run; it must never throw, and never print the credential.
import * as assert from "node:assert/strict";
import fc from "fast-check";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../policypack/policies";
import { withExemptions } from "../../policypack/lib/exemptions";
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
        assert.equal(stacks.length, 6);
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

    it("the pack reports an IAM document it cannot parse as a mandatory violation, once", async () => {
        const mandatory = resourceRules.filter((r) => r.enforcementLevel === "mandatory");
        const unparsable = fc.string({ minLength: 1 }).filter((s) => {
            try {
                const v = JSON.parse(s);
                return v === null || typeof v !== "object";
            } catch {
                return true;
            }
        });
        await fc.assert(
            fc.asyncProperty(
                fc.constantFrom(
                    "aws:iam/policy:Policy",
                    "aws:iam/rolePolicy:RolePolicy",
                    "aws:iam/userPolicy:UserPolicy",
                    "aws:iam/groupPolicy:GroupPolicy",
                ),
                unparsable,
                async (type, policy) => {
                    const said: string[] = [];
                    for (const rule of mandatory) {
                        said.push(
                            ...(await checkResource(rule, { type, props: { policy } })).violations,
                        );
                    }
                    const unreadable = said.filter((m) => / cannot be checked: /.test(m));
                    assert.equal(
                        unreadable.length,
                        1,
                        `one mandatory "cannot be checked" for ${JSON.stringify(policy)}: ${JSON.stringify(said)}`,
                    );
                },
            ),
            fuzzParams(60),
        );
    });
});
