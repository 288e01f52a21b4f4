// One spec that walks every rule the pack serves and holds it to the conventions: names, metadata,
// config schema, a rationale (the TSDoc comment on its export), a spec of its own at the mirrored
// path, and an entry in docs/policies.md.
import type { Policy } from "@pulumi/policy";
import Ajv from "ajv";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FAMILIES, GDPR_TAGS, ruleUrl } from "../../policypack/lib/meta";
import * as shared from "../../policypack/lib/sharedConfig";
import { allPolicies } from "../../policypack/policies";
import { POLICIES_MD, ROOT, ruleFiles, specFileOf } from "../../scripts/docs/catalogue";

const VERBS = ["missing", "disallow", "enable", "disable", "configure", "enforce"];
const PROVIDERS = ["aws", "awsx", "kubernetes", "vault", "pulumi"];
const NAME = new RegExp(
    `^(${PROVIDERS.join("|")})-[a-z0-9]+-[a-z0-9]+-(${VERBS.join("|")})-[a-z0-9]+(-[a-z0-9]+)*$`,
);
const SEVERITIES = ["low", "medium", "high", "critical"];
/** Property names the pack adds to every rule (lib/exemptions.ts) or the engine reserves. */
const RESERVED = ["exemptions", "exemptionMaxDays", "enforcementLevel"];

const kebab = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

describe("every rule of the pack", () => {
    const files = ruleFiles();
    const fileOf = new Map(files.map((f) => [f.policy, f]));
    const docs = fs.readFileSync(POLICIES_MD, "utf8");
    const ajv = new Ajv({ strict: false });

    it("has a unique name", () => {
        const seen = new Map<string, number>();
        for (const p of allPolicies) {
            seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
        }
        assert.deepEqual(
            [...seen].filter(([, n]) => n > 1).map(([name]) => name),
            [],
        );
    });

    it("is served by the pack when a rule file exports it (no rule is missing from its family barrel)", () => {
        const served = new Set<Policy>(allPolicies);
        assert.deepEqual(
            files.filter((f) => !served.has(f.policy)).map((f) => `${f.file}: ${f.exportName}`),
            [],
        );
    });

    /**
     * The config properties lib/sharedConfig.ts defines once, by the name rules declare them
     * under: every exported `<key>Property` fragment and every `…Properties` group, read from the
     * module itself so a new fragment is covered without editing this list.
     */
    const isSchema = (v: unknown): v is shared.PropertySchema =>
        v !== null && typeof v === "object" && "type" in v && "description" in v;
    const fragments: Record<string, shared.PropertySchema> = {};
    for (const [exported, value] of Object.entries(shared)) {
        if (exported.endsWith("Property") && isSchema(value)) {
            fragments[exported.slice(0, -"Property".length)] = value;
        } else if (exported.endsWith("Properties") && value && typeof value === "object") {
            Object.assign(fragments, value);
        }
    }
    // Fragments whose key differs from their export name.
    fragments.requiredLabels = shared.ownershipLabelsProperty;

    it("finds the shared fragments it checks against", () => {
        for (const k of ["allJobs", "outsideSyncPathTags", "allowSqsManagedSse", "rootNamespace"]) {
            assert.ok(isSchema(fragments[k]), `lib/sharedConfig.ts has no fragment for "${k}"`);
        }
    });

    it("declares a config key that two rules declare with one shared definition from lib/sharedConfig.ts", () => {
        const owners = new Map<string, string[]>();
        for (const p of allPolicies) {
            for (const k of Object.keys(p.configSchema?.properties ?? {})) {
                owners.set(k, [...(owners.get(k) ?? []), p.name]);
            }
        }
        const copies: string[] = [];
        for (const [k, names] of owners) {
            if (names.length < 2) {
                continue;
            }
            for (const name of names) {
                const s = allPolicies.find((p) => p.name === name)!.configSchema!.properties[k];
                if (fragments[k] === undefined || s !== fragments[k]) {
                    copies.push(`${name}: "${k}" (also in ${names.length - 1} other rules)`);
                }
            }
        }
        assert.deepEqual(copies, [], "declare these with their lib/sharedConfig.ts fragment");
    });

    it("imports only policypack/lib and packages, never another rule (ESLint says the same)", () => {
        const offences: string[] = [];
        for (const f of new Set(files.map((x) => x.file))) {
            const src = fs.readFileSync(path.join(ROOT, f), "utf8");
            for (const m of src.matchAll(/from "(\.[^"]+)"/g)) {
                const target = path.relative(
                    path.join(ROOT, "policypack"),
                    path.resolve(path.dirname(path.join(ROOT, f)), m[1]),
                );
                if (!target.startsWith(`lib${path.sep}`)) {
                    offences.push(`${f} imports ${m[1]}`);
                }
            }
        }
        assert.deepEqual(offences, []);
    });

    it("declares a shared config property with the fragment from lib/sharedConfig.ts, not a copy of its own", () => {
        const copies: string[] = [];
        for (const p of allPolicies) {
            for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
                const fragment = fragments[k];
                if (!fragment || s === fragment) {
                    continue;
                }
                try {
                    assert.deepStrictEqual(s, fragment);
                } catch {
                    copies.push(
                        `${p.name}: "${k}" is not the sharedConfig fragment (spread or reference it, or rename the property if it means something else)`,
                    );
                }
            }
        }
        assert.deepEqual(copies, []);
    });

    it("shares one type and default for a config property that several rules (and lib/sharedConfig.ts) define", () => {
        const first = new Map<string, { owner: string; type: unknown; def: string }>(
            Object.entries(fragments).map(([k, s]) => [
                k,
                { owner: "lib/sharedConfig.ts", type: s.type, def: JSON.stringify(s.default) },
            ]),
        );
        const drift: string[] = [];
        for (const p of allPolicies) {
            for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
                const mine = {
                    owner: p.name,
                    type: (s as any).type,
                    def: JSON.stringify((s as any).default),
                };
                const was = first.get(k);
                if (!was) {
                    first.set(k, mine);
                } else if (was.type !== mine.type || was.def !== mine.def) {
                    drift.push(
                        `${k}: ${mine.owner} has ${mine.type} ${mine.def}, ${was.owner} has ${was.type} ${was.def}`,
                    );
                }
            }
        }
        assert.deepEqual(drift, []);
    });

    for (const p of allPolicies) {
        describe(p.name, () => {
            const entry = fileOf.get(p);

            it("is named <provider>-<service>-<resource>-<verb>-<thing> after its export, in a file of its own at policies/<family>/<provider>/<service>/", () => {
                assert.match(p.name, NAME);
                assert.ok(entry, "no file under policypack/policies exports it");
                assert.ok(
                    p.name.endsWith(`-${kebab(entry!.exportName)}`),
                    `name does not end with "-${kebab(entry!.exportName)}"`,
                );
                const parts = entry!.file.split("/");
                assert.equal(
                    parts.length,
                    6,
                    `${entry!.file} is not policypack/policies/<family>/<provider>/<service>/<rule>.ts`,
                );
                assert.equal(parts[2], p.tags?.[0], "folder family and family tag differ");
                assert.equal(
                    parts[3],
                    p.name.split("-")[0],
                    "folder provider and name provider differ",
                );
                assert.equal(parts[5], `${entry!.exportName}.ts`);
            });

            it("has a one-sentence description starting “Checks that”", () => {
                assert.match(p.description, /^Checks that [^\n]+\.$/);
                assert.doesNotMatch(
                    p.description.slice(0, -1),
                    /[.!?]\s+[A-Z]/,
                    "more than one sentence",
                );
            });

            it("has a severity, an explicit enforcement level, remediation steps and its documentation URL", () => {
                assert.ok(SEVERITIES.includes(p.severity ?? ""), `severity ${p.severity}`);
                assert.ok(
                    p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory",
                    `enforcementLevel ${p.enforcementLevel}`,
                );
                assert.ok((p.remediationSteps ?? "").trim().length > 0, "no remediationSteps");
                assert.equal(p.url, ruleUrl(p.name));
            });

            it("is tagged with exactly one family, first, and at least one GDPR article", () => {
                const tags = p.tags ?? [];
                assert.ok(
                    (FAMILIES as readonly string[]).includes(tags[0]),
                    `first tag ${tags[0]}`,
                );
                assert.equal(
                    tags.filter((t) => (FAMILIES as readonly string[]).includes(t)).length,
                    1,
                );
                assert.ok(
                    tags.some((t) => (GDPR_TAGS as readonly string[]).includes(t)),
                    "no gdpr-art-* tag",
                );
                assert.deepEqual(
                    tags.filter((t) => ![...FAMILIES, ...GDPR_TAGS].includes(t as any)),
                    [],
                );
            });

            it("explains why it exists in a TSDoc comment on its exported const (docs/policies.md shows it)", () => {
                assert.ok(entry, "no file under policypack/policies exports it");
                assert.ok(
                    entry!.rationale.trim().length > 0,
                    `${entry!.file}: \`export const ${entry!.exportName}\` has no /** … */ comment saying why the rule exists`,
                );
            });

            it("has a spec of its own at the mirrored path", () => {
                const spec = path.join(ROOT, specFileOf(entry!.file));
                assert.ok(fs.existsSync(spec), `missing ${path.relative(ROOT, spec)}`);
            });

            it("has an entry in docs/policies.md", () => {
                assert.ok(docs.includes(`\n### ${p.name}\n`), "run `npm run docs`");
            });

            it("declares each config property with a type, a default that fits it, and a description", () => {
                const schema = p.configSchema;
                if (!schema) {
                    return;
                }
                assert.equal(
                    (schema as any).additionalProperties,
                    undefined,
                    "top-level additionalProperties is not sent by @pulumi/policy",
                );
                for (const [k, s] of Object.entries(schema.properties)) {
                    const prop = s as Record<string, any>;
                    assert.ok(!RESERVED.includes(k), `"${k}" is reserved for the shared config`);
                    assert.ok(prop.type, `${k} has no type`);
                    assert.ok("default" in prop, `${k} has no default`);
                    assert.ok(
                        typeof prop.description === "string" && prop.description.length > 0,
                        `${k} has no description`,
                    );
                    assert.ok(
                        ajv.validate(prop, prop.default),
                        `${k}'s default does not fit its own schema: ${ajv.errorsText()}`,
                    );
                }
                for (const r of schema.required ?? []) {
                    assert.ok(r in schema.properties, `required "${r}" is not a property`);
                }
            });
        });
    }
});
