// The rule catalogue: every rule file of the pack, the policy it exports, its rationale (the TSDoc
// comment on the export) and its spec's path. One reading of the tree, shared by the docs
// generator (scripts/gen-docs.ts) and the conformance spec, so both judge the same set of rules.
import type { Policy } from "@pulumi/policy";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { FAMILIES } from "../../policypack/lib/meta";
import { allPolicies } from "../../policypack/policies";

export const ROOT = path.resolve(__dirname, "..", "..");
export const POLICIES_DIR = path.join(ROOT, "policypack", "policies");
export const POLICIES_MD = path.join(ROOT, "docs", "policies.md");
export const MAPPING_MD = path.join(ROOT, "docs", "gdpr-mapping.md");

/** One rule and where it is defined. */
export interface RuleEntry {
    policy: Policy;
    /** Repository-relative path of the rule's file, with `/` separators. */
    file: string;
    /** The name it is exported under. */
    exportName: string;
    /** Why the rule exists: the TSDoc comment on its exported const, "" when it has none. */
    rationale: string;
}

export function walk(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => {
            const p = path.join(dir, e.name);
            return e.isDirectory()
                ? walk(p)
                : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")
                  ? [p]
                  : [];
        });
}

function isPolicy(v: unknown): v is Policy {
    return (
        v !== null &&
        typeof v === "object" &&
        typeof (v as Policy).name === "string" &&
        ("validateResource" in (v as object) ||
            "validateStack" in (v as object) ||
            "remediateResource" in (v as object))
    );
}

/** The text of a TSDoc comment (or tag comment): `{@link X}` becomes `X` in code. */
function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
    if (comment === undefined || typeof comment === "string") {
        return comment ?? "";
    }
    return comment
        .map((part) => {
            if (ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)) {
                const target = part.name ? part.name.getText() : "";
                return `\`${part.text.trim() || target}\``;
            }
            return part.text;
        })
        .join("");
}

/**
 * The TSDoc comment on `export const <exportName>` in `file`, as markdown paragraphs (lines of a
 * paragraph joined). An `@` inside the prose (a package name) parses as a block tag; it is put
 * back as written.
 */
export function rationaleOf(file: string, exportName: string): string {
    const source = fs.readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    for (const statement of sf.statements) {
        if (
            !ts.isVariableStatement(statement) ||
            !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
        ) {
            continue;
        }
        const decl = statement.declarationList.declarations.find(
            (d) => ts.isIdentifier(d.name) && d.name.text === exportName,
        );
        if (!decl) {
            continue;
        }
        // The doc comment is the last JSDoc block before the declaration, as in the editor.
        const doc = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc).pop();
        if (!doc) {
            return "";
        }
        const tags = (doc.tags ?? []).map((tag) => {
            const rest = commentText(tag.comment);
            const gap = /\s/.test(source.charAt(tag.tagName.end)) ? " " : "";
            return `@${tag.tagName.text}${rest ? gap + rest : ""}`;
        });
        return [commentText(doc.comment), ...tags]
            .join(" ")
            .split(/\n\s*\n/)
            .map((para) => para.replace(/\s+/g, " ").trim())
            .filter((para) => para !== "")
            .join("\n\n");
    }
    return "";
}

/** Every rule exported by a rule file under policypack/policies (barrels excluded), in file order. */
export function ruleFiles(): RuleEntry[] {
    const out: RuleEntry[] = [];
    for (const file of walk(POLICIES_DIR)) {
        if (path.basename(file) === "index.ts") {
            continue;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as Record<string, unknown>;
        for (const [exportName, value] of Object.entries(mod)) {
            if (isPolicy(value)) {
                out.push({
                    policy: value,
                    file: path.relative(ROOT, file).split(path.sep).join("/"),
                    exportName,
                    rationale: rationaleOf(file, exportName),
                });
            }
        }
    }
    return out;
}

/** The rules the pack serves, each with its file (`file` is "" when no rule file exports it). */
export function collectRules(): RuleEntry[] {
    const byPolicy = new Map(ruleFiles().map((r) => [r.policy, r]));
    const familyOrder = (p: Policy) =>
        FAMILIES.indexOf((p.tags?.[0] ?? "") as (typeof FAMILIES)[number]);
    return allPolicies
        .map((p) => byPolicy.get(p) ?? { policy: p, file: "", exportName: "", rationale: "" })
        .sort(
            (a, b) =>
                familyOrder(a.policy) - familyOrder(b.policy) ||
                a.policy.name.localeCompare(b.policy.name),
        );
}

/** The spec of a rule file, at the mirrored path under test/ (repository-relative). */
export function specFileOf(file: string): string {
    return file.replace(/^policypack\//, "test/policypack/").replace(/\.ts$/, ".spec.ts");
}
