// The one reader of IAM policy documents. Every AWS rule that looks at a policy — identity policies,
// trust policies, resource policies (SQS, SNS, S3, KMS) and documents rendered by
// `aws.iam.getPolicyDocument` — goes through `parsePolicyDocument`, so that the many shapes people
// write (JSON strings or objects, `Statement` as a list or a single object, fields as a string or a
// list, mixed-case actions) are handled once.
//
// Reading an unknown value during preview throws the framework's UnknownValueError; nothing here
// catches it, so the framework reports it as it does for every rule.

import { memoByText } from "../memo";
import { FoundDocument } from "./locate";
import { documentLabel, unreadableDocumentMessage } from "./wording";

/** One statement of a policy document, normalised. */
export interface IamStatement {
    /** Position in the Statement list (0-based); 0 for a single-object `Statement`. */
    index: number;
    sid?: string;
    /** Normalised (case-insensitive on input). */
    effect: "Allow" | "Deny";
    /** `Action` as a list (original case kept); undefined when absent. */
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    /** `Principal` normalised: `"*"` or `{AWS: [...], Service: [...], Federated: [...]}`. */
    principal?: "*" | Record<string, string[]>;
    notPrincipal?: "*" | Record<string, string[]>;
    /** operator -> key -> values (values as strings); `{}` when there is no `Condition`. */
    conditions: Record<string, Record<string, string[]>>;
}

export type ParsedPolicyDocument =
    { ok: true; statements: readonly IamStatement[] } | { ok: false; error: string };

class DocumentError extends Error {}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Finds a key case-insensitively (`statement`, `STATEMENT` …); AWS itself is case-sensitive, but a
 * reader that missed a mis-cased `Action` would pass what it should check. */
function field(obj: Record<string, unknown>, name: string): unknown {
    if (name in obj) {
        return obj[name];
    }
    const lower = name.toLowerCase();
    for (const key of Object.keys(obj)) {
        if (key.toLowerCase() === lower) {
            return obj[key];
        }
    }
    return undefined;
}

function hasField(obj: Record<string, unknown>, name: string): boolean {
    const lower = name.toLowerCase();
    return Object.keys(obj).some((k) => k.toLowerCase() === lower);
}

function stringList(value: unknown, what: string): string[] {
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value)) {
        const out: string[] = [];
        for (const item of value) {
            if (typeof item !== "string") {
                throw new DocumentError(`its ${what} holds ${aType(item)} where a string belongs`);
            }
            out.push(item);
        }
        return out;
    }
    throw new DocumentError(`its ${what} is ${aType(value)}, not a string or a list of strings`);
}

/** Condition values may be strings, numbers or booleans (`"Bool": {"aws:SecureTransport": false}`). */
function scalarList(value: unknown, what: string): string[] {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
        if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
            return String(item);
        }
        throw new DocumentError(`its ${what} holds ${aType(item)} where a string belongs`);
    });
}

function aType(value: unknown): string {
    const t = describeType(value);
    return t === "null" ? "null" : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function describeType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "list";
    }
    return typeof value === "object" ? "object" : typeof value;
}

function principalOf(value: unknown, what: string): "*" | Record<string, string[]> {
    if (value === "*") {
        return "*";
    }
    if (!isPlainObject(value)) {
        throw new DocumentError(`its ${what} is ${aType(value)}, not "*" or an object`);
    }
    const out: Record<string, string[]> = {};
    for (const [kind, ids] of Object.entries(value)) {
        out[kind] = stringList(ids, `${what} "${kind}"`);
    }
    return out;
}

function conditionsOf(value: unknown): Record<string, Record<string, string[]>> {
    if (value === undefined) {
        return {};
    }
    if (!isPlainObject(value)) {
        throw new DocumentError(`its Condition is ${aType(value)}, not an object`);
    }
    const out: Record<string, Record<string, string[]>> = {};
    for (const [operator, block] of Object.entries(value)) {
        if (!isPlainObject(block)) {
            throw new DocumentError(
                `its Condition operator "${operator}" is ${aType(block)}, not an object`,
            );
        }
        const keys: Record<string, string[]> = {};
        for (const [key, values] of Object.entries(block)) {
            keys[key] = scalarList(values, `Condition "${operator}" "${key}"`);
        }
        out[operator] = keys;
    }
    return out;
}

function statementOf(raw: unknown, index: number): IamStatement {
    const label = `statement #${index}`;
    try {
        if (!isPlainObject(raw)) {
            throw new DocumentError(`it is ${aType(raw)}, not an object`);
        }
        const sidValue = field(raw, "Sid");
        const sid = typeof sidValue === "string" && sidValue !== "" ? sidValue : undefined;
        const effectValue = field(raw, "Effect");
        const effect =
            typeof effectValue === "string" && effectValue.toLowerCase() === "allow"
                ? "Allow"
                : typeof effectValue === "string" && effectValue.toLowerCase() === "deny"
                  ? "Deny"
                  : undefined;
        if (!effect) {
            throw new DocumentError(
                typeof effectValue === "string"
                    ? `its Effect "${effectValue}" is neither "Allow" nor "Deny"`
                    : "it has no Effect",
            );
        }
        const statement: IamStatement = {
            index,
            effect,
            conditions: conditionsOf(field(raw, "Condition")),
        };
        if (sid !== undefined) {
            statement.sid = sid;
        }
        const lists: [keyof IamStatement, string][] = [
            ["actions", "Action"],
            ["notActions", "NotAction"],
            ["resources", "Resource"],
            ["notResources", "NotResource"],
        ];
        for (const [prop, name] of lists) {
            if (hasField(raw, name)) {
                (statement as any)[prop] = stringList(field(raw, name), name);
            }
        }
        if (statement.actions === undefined && statement.notActions === undefined) {
            throw new DocumentError("it has neither Action nor NotAction");
        }
        if (hasField(raw, "Principal")) {
            statement.principal = principalOf(field(raw, "Principal"), "Principal");
        }
        if (hasField(raw, "NotPrincipal")) {
            statement.notPrincipal = principalOf(field(raw, "NotPrincipal"), "NotPrincipal");
        }
        return statement;
    } catch (e) {
        if (e instanceof DocumentError) {
            const where = sidLabel(raw) ?? label;
            throw new DocumentError(`${where} cannot be read: ${e.message}`);
        }
        throw e;
    }
}

function sidLabel(raw: unknown): string | undefined {
    if (!isPlainObject(raw)) {
        return undefined;
    }
    const sid = field(raw, "Sid");
    return typeof sid === "string" && sid !== "" ? `statement "${sid}"` : undefined;
}

/**
 * A document written as JSON text, read once per text: several rules read the same document of a
 * resource (an SQS queue policy: TLS, public principals, wildcards), each from its own copy of the
 * resource. Callers only read the result.
 */
const parseText = memoByText(256, (text): ParsedPolicyDocument => parseDocument(text));

/** Accepts a JSON string or an object; Statement as list or single object; fields as string or list. */
export function parsePolicyDocument(doc: unknown): ParsedPolicyDocument {
    return typeof doc === "string" ? parseText(doc) : parseDocument(doc);
}

function parseDocument(doc: unknown): ParsedPolicyDocument {
    let value: unknown = doc;
    if (
        value === undefined ||
        value === null ||
        (typeof value === "string" && value.trim() === "")
    ) {
        return { ok: false, error: "The policy document is empty." };
    }
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch (e) {
            const reason = e instanceof Error ? e.message.replace(/\.$/, "") : "it does not parse";
            return { ok: false, error: `The policy document is not valid JSON (${reason}).` };
        }
    }
    if (!isPlainObject(value)) {
        return {
            ok: false,
            error: `The policy document is ${aType(value)}, not a JSON object.`,
        };
    }
    if (!hasField(value, "Statement")) {
        return { ok: false, error: "The policy document has no Statement." };
    }
    const raw = field(value, "Statement");
    const list = Array.isArray(raw) ? raw : [raw];
    try {
        return { ok: true, statements: list.map((s, i) => statementOf(s, i)) };
    } catch (e) {
        if (e instanceof DocumentError) {
            return { ok: false, error: `The policy document's ${e.message}.` };
        }
        throw e;
    }
}

/** Case-insensitive IAM condition lookup: values of `key` under operator (e.g. "Bool", "aws:SecureTransport"), or undefined. */
export function conditionValues(
    s: IamStatement,
    operator: string,
    key: string,
): string[] | undefined {
    const op = operator.toLowerCase();
    const k = key.toLowerCase();
    let found: string[] | undefined;
    for (const [operatorName, block] of Object.entries(s.conditions)) {
        if (operatorName.toLowerCase() !== op) {
            continue;
        }
        for (const [keyName, values] of Object.entries(block)) {
            if (keyName.toLowerCase() === k) {
                found = [...(found ?? []), ...values];
            }
        }
    }
    return found;
}

/** Every condition key the statement tests (lower-cased), under any operator. */
export function conditionKeys(s: IamStatement): Set<string> {
    const out = new Set<string>();
    for (const block of Object.values(s.conditions)) {
        for (const key of Object.keys(block)) {
            out.add(key.toLowerCase());
        }
    }
    return out;
}

/** Values of a condition key under any operator (`StringEquals`, `StringLike`, `ForAnyValue:…`), with the operator each came from. */
export function conditionEntries(
    s: IamStatement,
    key: string,
): { operator: string; values: string[] }[] {
    const k = key.toLowerCase();
    const out: { operator: string; values: string[] }[] = [];
    for (const [operator, block] of Object.entries(s.conditions)) {
        for (const [keyName, values] of Object.entries(block)) {
            if (keyName.toLowerCase() === k) {
                out.push({ operator, values });
            }
        }
    }
    return out;
}

/** The identifiers of one principal kind (`AWS`, `Service`, `Federated`, case-insensitive); `["*"]` for `Principal: "*"`. */
export function principalValues(p: IamStatement["principal"], kind: string): string[] {
    if (p === undefined) {
        return [];
    }
    if (p === "*") {
        return ["*"];
    }
    const k = kind.toLowerCase();
    return Object.entries(p)
        .filter(([name]) => name.toLowerCase() === k)
        .flatMap(([, ids]) => ids);
}

/** True when the statement's principal is everyone: `"*"`, `{"AWS": "*"}` or `{"CanonicalUser": "*"}`-style. */
export function isPublicPrincipal(p: IamStatement["principal"]): boolean {
    if (p === undefined) {
        return false;
    }
    if (p === "*") {
        return true;
    }
    return Object.values(p).some((ids) => ids.includes("*"));
}

/** One Allow statement of a readable policy document, with how messages name the document. */
export interface AllowStatement {
    label: string;
    statement: IamStatement;
}

/**
 * The Allow statements of the policy documents found on a resource, in order, each with its
 * {@link documentLabel}. A document that does not parse goes to `reportUnreadable` as the
 * {@link unreadableDocumentMessage}; a rule that leaves that to another rule passes none.
 */
export function* allowStatements(
    type: string,
    name: string,
    found: FoundDocument | FoundDocument[] | undefined,
    reportUnreadable?: (message: string) => void,
): Generator<AllowStatement> {
    for (const f of found === undefined ? [] : Array.isArray(found) ? found : [found]) {
        const label = documentLabel(type, name, f.place);
        const parsed = parsePolicyDocument(f.doc);
        if (!parsed.ok) {
            reportUnreadable?.(unreadableDocumentMessage(label, parsed.error));
            continue;
        }
        for (const statement of parsed.statements) {
            if (statement.effect === "Allow") {
                yield { label, statement };
            }
        }
    }
}

/** The issuer of an OIDC provider ARN (`arn:aws:iam::1:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB` → `oidc.eks.eu-west-1.amazonaws.com/id/AB`), or undefined. */
export function oidcIssuer(federated: string): string | undefined {
    const m = /^arn:aws[a-z-]*:iam::[^:]*:oidc-provider\/(.+)$/i.exec(federated.trim());
    return m ? m[1] : undefined;
}

/** The account a principal of the form `arn:aws:iam::<account>:root` or a bare 12-digit account id names as a whole, or undefined. */
export function wholeAccountPrincipal(principal: string): string | undefined {
    const p = principal.trim();
    if (/^\d{12}$/.test(p)) {
        return p;
    }
    const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/i.exec(p);
    return m ? m[1] : undefined;
}

/** Condition keys that restrict `Principal: "*"` to one organisation, account, principal or source. */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceVpc",
    "aws:SourceVpce",
];

/** True when the statement restricts who may use it with one of {@link RESTRICTING_CONDITION_KEYS} under a positive (non-`Not`) operator whose values carry no bare `*`. */
export function hasRestrictingCondition(
    s: IamStatement,
    keys: readonly string[] = RESTRICTING_CONDITION_KEYS,
): boolean {
    return keys.some((key) =>
        conditionEntries(s, key).some(
            (e) =>
                !/Not|^Null$/i.test(e.operator) &&
                e.values.length > 0 &&
                e.values.every((v) => v.trim() !== "*" && v.trim() !== ""),
        ),
    );
}
