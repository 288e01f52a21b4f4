// Reads the `kubeconfig` input of a Kubernetes provider: YAML or JSON text, or an object. A string
// that parses to a string is a path to a kubeconfig file, not its contents, and is not read.
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { memoByText } from "./memo";
import { asArray, asObject } from "./read";

function isMapping(v: unknown): boolean {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

const UNPARSABLE = Symbol("unparsable");

/**
 * `yaml` (72 modules) is loaded on the first kubeconfig that is text, not at start-up: most stacks
 * have none, and the pack should start as fast as an empty one (bench/: start-up).
 */
let yaml: typeof Yaml | undefined;
const loadYaml = () => (yaml ??= createRequire(__filename)("yaml") as typeof Yaml);

/** YAML parses by text: two rules read each provider's kubeconfig. */
const parseYaml = memoByText(64, (text): unknown => {
    try {
        return loadYaml().parse(text, { logLevel: "error" }); // a warning would go to stderr
    } catch {
        return UNPARSABLE;
    }
});

/**
 * The contents of a provider's `kubeconfig` input as an object; undefined when it is absent or a
 * path to a file; `"unreadable"` for text that does not parse, or parses to something that is not
 * a kubeconfig (a number, a list): rules fail closed on it.
 */
export function readKubeconfig(raw: unknown): Record<string, any> | "unreadable" | undefined {
    if (raw === undefined || raw === null || raw === "") {
        return undefined;
    }
    if (typeof raw !== "string") {
        return isMapping(raw) ? asObject(raw) : "unreadable";
    }
    const doc = parseYaml(raw);
    if (doc === UNPARSABLE) {
        return "unreadable";
    }
    if (typeof doc === "string" || doc === null || doc === undefined) {
        return undefined;
    }
    // A number, a list or a boolean is neither a path nor a kubeconfig: fail closed on it.
    return isMapping(doc) ? asObject(doc) : "unreadable";
}

/** One entry of a kubeconfig list, as messages name it. */
export interface KubeconfigEntry {
    /** The entry's `name`, quoted, or `#<index>` when it has none. */
    name: string;
    /** The entry's `user` (of `users`) or `cluster` (of `clusters`), as an object. */
    body: Record<string, any>;
}

/** The entries of a kubeconfig's `users` or `clusters` list, in order. */
export function kubeconfigEntries(
    doc: Record<string, any> | undefined,
    list: "users" | "clusters",
): KubeconfigEntry[] {
    const bodyKey = list === "users" ? "user" : "cluster";
    return asArray(doc?.[list]).map((entry, i) => {
        const e = asObject(entry);
        return {
            name: typeof e.name === "string" ? `"${e.name}"` : `#${i}`,
            body: asObject(e[bodyKey]),
        };
    });
}
