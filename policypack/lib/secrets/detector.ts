// The one secret detector of the pack. Every rule that looks at a literal value (an env var, a
// ConfigMap entry, a provider setting, a user-data script) asks `scanValue` whether it is a secret.
//
// Guards first: a placeholder or a reference (`ghp_xxxx…`, `${TOKEN}`, `var.x`) is never a
// mandatory finding, whatever format it keeps. Then three layers, strongest first:
//   1. known formats: a few patterns of our own (AWS key ids — including AWS's documented
//      example —, private keys, Vault, Stripe, GitHub, GitLab, Slack, npm, JWTs, URLs with a
//      password), gitleaks' default rules as data (formats.ts; generic ones advisory), then
//      secretlint's recommended preset (loaded once, lazily: it is ESM-only);
//   2. a literal under a secret-like key (`DB_PASSWORD`, `apiKey`, `auth-token`, …), unless the
//      value is clearly not a secret (a reference, a path, a template, a placeholder, a number…),
//      and `KEY=value` assignments of that kind inside scripts and JSON documents;
//   3. high-entropy tokens under neutral keys — low confidence, for advisory rules only.
// Findings name the detector, never the value: nothing here logs, returns or throws a value.
// Measured on `test/fixtures/secrets/` and on CredSweeper's data (see docs/secret-detection.md).

import { formatMatches, shannonEntropy } from "./formats";

export { shannonEntropy };

export interface SecretFinding {
    /** e.g. "aws-access-key", "private-key", "secret-like-key", "high-entropy", "stored-secret". */
    detector: string;
    /** high → mandatory-grade finding, low → advisory (entropy only). */
    confidence: "high" | "low";
    /** Where inside the value the finding sits when the value is a document (a JSON key path or a script variable), never the value. */
    at?: string;
}

/**
 * What a policy sees in place of a secret that could not be decrypted: the Pulumi engine's own
 * redaction marker (`pulumi policy analyze` without the passphrase), which the offline engine
 * uses too. It is a secret that is present, so it is reported, never passed as a placeholder.
 */
export const UNREADABLE_SECRET = "[secret]";

/** Minimum length of a token the entropy layer considers (measured: shorter random tokens overlap with ids). */
export const ENTROPY_MIN_LENGTH = 20;
/** Minimum Shannon entropy (bits per character) of a high-entropy token. */
export const ENTROPY_MIN_BITS = 3.5;

// ---------------------------------------------------------------------------------------------
// Layer 1: known formats.

interface Pattern {
    detector: string;
    re: RegExp;
}

// Patterns secretlint's preset does not cover (or deliberately ignores), after gitleaks' rules.
const EXTRA_PATTERNS: Pattern[] = [
    {
        detector: "aws-access-key",
        re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/,
    },
    {
        detector: "private-key",
        // With a body: eight base64 characters within a few header lines. The header alone (a
        // string constant, a marker a script greps for) holds no key.
        re: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,200}?[A-Za-z0-9+/]{8}/,
    },
    { detector: "vault-token", re: /\bhv[sbr]\.[A-Za-z0-9_-]{20,}/ },
    {
        detector: "vault-token",
        // Legacy service tokens: `s.` and 24 base62 characters, which mix cases and digits; an
        // identifier of 24 letters after `s.` (a property path) is not one.
        re: /(?:^|[^A-Za-z0-9.])s\.(?=[A-Za-z0-9]{0,23}\d)(?=[A-Za-z0-9]{0,23}[A-Z])(?=[A-Za-z0-9]{0,23}[a-z])[A-Za-z0-9]{24}(?![A-Za-z0-9])/,
    },
    {
        detector: "stripe-key",
        re: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}\b/,
    },
    {
        detector: "github-token",
        re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/,
    },
    {
        detector: "gitlab-token",
        re: /\bgl(?:pat|dt|ptt|rt|soat|cbt)-[A-Za-z0-9_-]{20,}\b/,
    },
    {
        detector: "slack-token",
        re: /\bxox[abposr]-(?:[A-Za-z0-9]+-){1,4}[A-Za-z0-9]{10,}\b/,
    },
    { detector: "npm-token", re: /\bnpm_[A-Za-z0-9]{36}\b/ },
    {
        detector: "jwt",
        re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/,
    },
    {
        detector: "database-connection-string",
        re: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|jdbc:[a-z]+):\/\/[^\s:@/]+:[^\s@/]+@/i,
    },
    { detector: "basic-auth", re: /\bhttps?:\/\/[^\s:@/]+:[^\s@/]+@/i },
    {
        detector: "basic-auth",
        re: /\bAuthorization:\s*(?:Basic|Bearer)\s+[A-Za-z0-9+/=._-]{12,}/i,
    },
];

/** The known formats, each matching everywhere in a text: for scrubbing, not for detection. */
const SCRUB = EXTRA_PATTERNS.map((p) => ({
    detector: p.detector,
    re: new RegExp(p.re.source, `${p.re.flags.replace("g", "")}g`),
}));

/**
 * `text` with every credential in a known format replaced by `[redacted <detector>]`. Every
 * violation message passes through it (lib/exemptions), so no rule can print a credential —
 * even one pasted into a field that is not meant to hold one (an engine name, an address).
 */
export function redactCredentials(text: string): string {
    let out = text;
    for (const { detector, re } of SCRUB) {
        out = out.replace(re, `[redacted ${detector}]`);
    }
    return out;
}

// secretlint rule id → our detector name.
const SECRETLINT_DETECTORS: Record<string, string> = {
    aws: "aws-secret-key",
    privatekey: "private-key",
    basicauth: "basic-auth",
    "database-connection-string": "database-connection-string",
    "hashicorp-vault": "vault-token",
    github: "github-token",
    gitlab: "gitlab-token",
    slack: "slack-token",
    npm: "npm-token",
    gcp: "gcp-service-account-key",
    docker: "docker-auth",
};

type Lint = (content: string) => Promise<string[]>;
let secretlint: Promise<Lint> | undefined;

/** Loads secretlint and its preset once; returns a function listing the rule ids that fired. */
function loadSecretlint(): Promise<Lint> {
    secretlint ??= (async () => {
        const core = await import("@secretlint/core");
        const preset = await import("@secretlint/secretlint-rule-preset-recommend");
        // @secretlint/core records 56 performance marks per call in a process-wide profiler that
        // is never cleared, and the profiler's observer searches every mark so far on each one:
        // every call costs more than the last (bench/: 7x slower after 600 calls, the pack 1.6x
        // slower on a second pass). The pack never reads the profile, so marking is switched off.
        const { secretLintProfiler } = await import("@secretlint/profiler");
        secretLintProfiler.mark = () => undefined;
        const config = {
            rules: [
                {
                    id: "@secretlint/secretlint-rule-preset-recommend",
                    rule: preset.creator,
                },
            ],
        };
        return async (content: string) => {
            const result = await core.lintSource({
                source: { content, filePath: "/value.txt", contentType: "text" },
                options: {
                    config: config as any,
                    maskSecrets: true,
                    noPhysicFilePath: true,
                },
            });
            return result.messages.map((m) => m.ruleId);
        };
    })();
    return secretlint;
}

/** The secretlint rules (recommended preset) that fire on `value`, by rule id. */
export async function secretlintRuleIds(value: string): Promise<string[]> {
    return (await loadSecretlint())(value);
}

function secretlintDetector(ruleId: string): string {
    const short = ruleId.replace(/^@secretlint\/secretlint-rule-/, "");
    return SECRETLINT_DETECTORS[short] ?? `${short}-token`;
}

/**
 * A gitleaks format that survives our guards: its secret is not a placeholder or reference
 * (`ghp_xxxx…`, `pul-${TOKEN}`). Generic rules (`generic-api-key`: a secret-ish word, an operator
 * and any 10+ characters) are advisory; a vendor's format is mandatory.
 */
function gitleaksFormat(text: string): SecretFinding | undefined {
    let generic: SecretFinding | undefined;
    for (const m of formatMatches(text)) {
        if (isPlaceholderOrReference(m.secret.trim())) {
            continue;
        }
        if (!m.rule.startsWith("generic-")) {
            return { detector: m.rule, confidence: "high" };
        }
        generic ??= { detector: m.rule, confidence: "low" };
    }
    return generic;
}

/** The first known format of `value`: ours, then gitleaks' (a low finding only if nothing is high), then secretlint's. */
async function knownFormat(value: string): Promise<SecretFinding | undefined> {
    for (const p of EXTRA_PATTERNS) {
        if (p.re.test(value)) {
            return { detector: p.detector, confidence: "high" };
        }
    }
    const gitleaks = gitleaksFormat(value);
    if (gitleaks?.confidence === "high") {
        return gitleaks;
    }
    const ruleIds = await secretlintRuleIds(value);
    return ruleIds.length > 0
        ? { detector: secretlintDetector(ruleIds[0]), confidence: "high" }
        : gitleaks;
}

// ---------------------------------------------------------------------------------------------
// Layer 2: secret-like keys.

// Words that make a key name a secret (matched as whole words of the key).
const SECRET_WORDS = new Set([
    "password",
    "passwd",
    "pwd",
    "pass",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "tokens",
    "apikey",
    "privatekey",
    "credential",
    "credentials",
    "creds",
    "auth",
    "authorization",
    "accesskey",
    "secretkey",
    "clientsecret",
    "signingkey",
    "encryptionkey",
    "masterkey",
    "sshkey",
    "pat",
    "dsn",
    "connectionstring",
    "bearer",
]);
// Compound words written without a separator that contain a secret word (`dbpassword`, `authtoken`).
const SECRET_SUBSTRINGS = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "credential",
];
// Two adjacent words that together name a secret (`api_key`, `private-key`, `access key`).
const SECRET_PAIRS = new Set([
    "api key",
    "private key",
    "access key",
    "secret key",
    "client secret",
    "signing key",
    "encryption key",
    "master key",
    "ssh key",
    "account key",
    "service key",
    "app key",
    "connection string",
    "auth key",
    "session key",
    "license key",
    "webhook secret",
]);
// A last word that makes the key describe a secret rather than hold one (`PASSWORD_FILE`, `tokenTtl`).
const QUALIFIERS = new Set([
    "file",
    "files",
    "path",
    "dir",
    "directory",
    "url",
    "uri",
    "endpoint",
    "host",
    "hostname",
    "port",
    "name",
    "names",
    "user",
    "username",
    "id",
    "ids",
    "arn",
    "ttl",
    "type",
    "mode",
    "enabled",
    "enable",
    "disabled",
    "length",
    "min",
    "max",
    "expiry",
    "expires",
    "expiration",
    "header",
    "policy",
    "policies",
    "role",
    "roles",
    "ref",
    "source",
    "method",
    "methods",
    "format",
    "version",
    "count",
    "timeout",
    "duration",
    "period",
    "rotation",
    "algorithm",
    "kind",
    "location",
    "mount",
    "backend",
    "engine",
    "field",
    "label",
    "prefix",
    "suffix",
    "provider",
    "issuer",
    "audience",
    "scope",
    "scopes",
    "server",
    "namespace",
    "store",
    "vault",
    "required",
    "rotate",
    "age",
    "interval",
    "uses",
    "num",
    "size",
    "bits",
    "domain",
    "mask",
]);

/** Ways people spell "password" in a name: `pw`, `pswd`, `paswrd`, `psword`, `pssword`, … */
const PASSWORD_SPELLING = /^(?:pw|p[as]s?w(?:o?r)?d)$/;

/**
 * Words of a `…_KEY` name that make it a key holding no secret: a database's, a cache's or an
 * object's key, a public or publishable key, a GPG fingerprint, a KMS key's id.
 */
const KEYLESS_KINDS = new Set([
    "primary",
    "sort",
    "partition",
    "foreign",
    "composite",
    "unique",
    "index",
    "row",
    "range",
    "hash",
    "shard",
    "cache",
    "object",
    "s3",
    "bucket",
    "idempotency",
    "dedup",
    "deduplication",
    "routing",
    "lookup",
    "map",
    "group",
    "public",
    "pub",
    "publishable",
    "site",
    "gpg",
    "pgp",
    "kms",
    "cmk",
]);

/** A name (as words) whose last word is a key (`TLS_CA_KEY`, `INSERT_KEY`, `aesKey`, `pkey`, `X-Amz-Key`), not of a kind that holds no secret. */
function isKeyName(ws: string[]): boolean {
    const last = ws[ws.length - 1];
    return (
        last !== undefined &&
        /^[a-z0-9]{0,6}key$/.test(last) &&
        !ws.some((w) => KEYLESS_KINDS.has(w) || KEYLESS_KINDS.has(w.replace(/key$/, "")))
    );
}

/** Key material as one token: 16 characters or more with letters and digits, not a UUID, a version, a resource id or a path of words. */
function isKeyShaped(value: string): boolean {
    const v = value.trim();
    return (
        v.length >= 16 &&
        TOKEN_CHARS.test(v) &&
        /[A-Za-z]/.test(v) &&
        /\d/.test(v) &&
        !isIdentifier(v) &&
        !/^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+$/.test(v)
    );
}

/** Last words of a name that holds a user. */
const USER_WORDS = new Set(["user", "username", "login", "principal"]);

/** `user:password` under a user's name (`DB_USER=admin:S3cret`); `name:5432` is a port and `name` alone a user. */
function isUserPasswordPair(ws: string[], value: string): boolean {
    const m = /^([^\s:\/@]{1,64}):(\S{4,})$/.exec(value.trim());
    return (
        m !== null &&
        USER_WORDS.has(ws[ws.length - 1]) &&
        !/^\d+$/.test(m[2]) &&
        !isClearlyNotSecret(m[2])
    );
}

/**
 * The key layer's verdict on a literal under a name: a secret's name (unless the value is clearly
 * not a secret), a key's name with key material, or a user's name with a `user:password` pair.
 */
function secretUnderName(key: string, value: string): boolean {
    const ws = words(key);
    return (
        ((secretLikeWords(ws) || (isKeyName(ws) && isKeyShaped(value))) &&
            !isClearlyNotSecret(value)) ||
        isUserPasswordPair(ws, value)
    );
}

/**
 * An HTTP Authorization value as a whole value, under any name (`AUTH_HEADER=Basic …`): Basic
 * with base64 of `user:password`, or Bearer with a token of 16 characters or more — unless the
 * credential is a placeholder or a reference (`Bearer $TOKEN`, `Bearer ${TOKEN}`).
 */
function isAuthorizationValue(value: string): boolean {
    const m = /^(?:Authorization:[ \t]*)?(Basic|Bearer)[ \t]+([A-Za-z0-9+/=_.~-]+)$/i.exec(
        value.trim(),
    );
    if (m === null || isPlaceholderOrReference(m[2])) {
        return false;
    }
    if (m[1].toLowerCase() === "basic") {
        const decoded = printableBase64(m[2]);
        return decoded !== undefined && /^[^:\s]+:\S+$/.test(decoded);
    }
    return m[2].length >= 16 && /[A-Za-z]/.test(m[2]) && /\d/.test(m[2]);
}

function words(key: string): string[] {
    return key
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== "");
}

/** True for keys that name a secret (password, passwd, secret, token, api_key, private_key, credentials, auth, … any case/separator). */
export function isSecretLikeKey(key: string): boolean {
    return typeof key === "string" && secretLikeWords(words(key));
}

/** {@link isSecretLikeKey} on a name already split into words. */
function secretLikeWords(ws: string[]): boolean {
    // A trailing number does not change what the last word says (`pass_mask32`, `TOKEN_PATH2`).
    if (ws.length === 0 || QUALIFIERS.has(ws[ws.length - 1].replace(/\d+$/, ""))) {
        return false;
    }
    for (let i = 0; i < ws.length; i++) {
        const w = ws[i];
        if (
            SECRET_WORDS.has(w) ||
            PASSWORD_SPELLING.test(w) ||
            SECRET_SUBSTRINGS.some((s) => w.includes(s))
        ) {
            return true;
        }
        if (i + 1 < ws.length && SECRET_PAIRS.has(`${w} ${ws[i + 1]}`)) {
            return true;
        }
    }
    return false;
}

const PLACEHOLDER =
    /^(?:x{3,}|\*{3,}|\.{3}|-+|changeme|change[-_ ]?me|change[-_ ]?it|placeholder|redacted|secret|password|username|string|todo|tbd|none|null|nil|undefined|n\/a|dummy|example|replace[-_ ]?me|set[-_ ]?me|your[-_ ].*|<[^>]*>|\[[^\]]*\]|\(.*\))$/i;
const VAULT_MOUNTS =
    /^(?:secret|kv|kv-v2|database|aws|pki|transit|auth|sys|identity|kubernetes|gcp|azure|ssh|totp|consul|rabbitmq|cubbyhole)\/[A-Za-z0-9_.\/@-]+$/;
const LOWER_PATH = /^[a-z][a-z0-9_-]*(?:\/[a-z0-9_.@-]+){2,}$/;
const REFERENCE_SCHEMES =
    /^(?:ref\+[a-z0-9]+|vault|op|sm|ssm|secretsmanager|awssm|gcpsm|azurekv|k8s-secret|file|env|arn):/i;
const TEMPLATE =
    /\$\{[^}]*\}|\{\{[^}]*\}\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|%\{[^}]*\}|^\$[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * References in the syntaxes of other tools, as a whole value: Terraform `var.x` / `local.x` /
 * `data.x.y`, `{Name}` (CloudFormation-style and .NET), `%NAME%` (Windows and Octopus), and
 * backtick or `$(…)` command substitution; and Jasypt's `ENC(…)`, a ciphertext the application
 * decrypts with a key it holds elsewhere.
 */
const FOREIGN_REFERENCE =
    /^(?:(?:var|local|module|data)\.[A-Za-z_][A-Za-z0-9_.-]*|\{[A-Za-z_][A-Za-z0-9_.:-]*\}|%[A-Za-z_][A-Za-z0-9_.-]*%|`[^`]+`|\$\([^)]+\)|ENC\([A-Za-z0-9+/=]+\))$/;
const URL = /^[a-z][a-z0-9+.-]*:\/\/([^\s/?#]*)(\S*)$/i;

/**
 * True when a literal under a secret-like key is clearly not a secret: empty, a boolean or number,
 * a placeholder, a template, an ARN, a Vault or file path, a reference scheme, a URL without
 * credentials or secret query parameters.
 */
/** Words that mark a made-up value wherever they sit in it (`ghp_changeme…`, `your-api-key`). */
const PLACEHOLDER_WORDS =
    /change[-_ ]?me|placeholder|redacted|dummy|replace[-_ ]?me|your[-_ ]?(?:api[-_ ]?)?(?:key|token|secret|password)/i;
/** A template or reference left inside one token: `<token>`, `${VAR}`, `{{ .Values.x }}`. */
const TEMPLATE_INSIDE = /<[A-Za-z][A-Za-z0-9_ -]*>|\$\{[^}]*\}|\{\{[^}]*\}\}/;
/** A vendor prefix a placeholder keeps (`ghp_`, `glpat-`, `xoxb-`, `sk_live_`, `AKIA`, `s.`). */
const VENDOR_PREFIX = /^(?:(?:[A-Za-z]{1,12}[-_.]){1,3}|AKIA|ASIA|AIza)/;

/**
 * True when one token (no whitespace) is a placeholder even if it keeps a real vendor prefix:
 * what follows the prefix is mostly one character (`ghp_xxxx…`, `AKIAXXXX…`, `0000…`, `****`) or
 * an ascending run (`12345678…`, `abcdefgh…`), at most three distinct characters (`ghp_1010…`),
 * seven characters in sequence anywhere (`sk-1234567…`), it ends in a run of twelve or more
 * (`pypi-AgEIcHlwaS5vcmc0000…`: a long fixed prefix), it holds six `x` or four `*` in a row
 * (`tgp_v1_LRvI…xxxxxx`), or it holds a placeholder word or a template. The
 * AWS documentation keys (`AKIAIOSFODNN7EXAMPLE`) are real-format values and are not excused.
 */
export function isPlaceholderToken(value: string): boolean {
    const v = value.trim();
    if (v === "" || /\s/.test(v)) {
        return false;
    }
    if (PLACEHOLDER_WORDS.test(v) || TEMPLATE_INSIDE.test(v) || /x{6}|X{6}|\*{4}/.test(v)) {
        return true;
    }
    const chars = [...v.replace(VENDOR_PREFIX, "")].filter((c) => /[A-Za-z0-9*]/.test(c));
    if (chars.length < 8) {
        return false;
    }
    const counts = new Map<string, number>();
    let ascending = 0;
    chars.forEach((c, i) => {
        const k = c.toLowerCase();
        counts.set(k, (counts.get(k) ?? 0) + 1);
        if (i > 0 && c.charCodeAt(0) - chars[i - 1].charCodeAt(0) === 1) {
            ascending++;
        }
    });
    return (
        Math.max(...counts.values()) / chars.length >= 0.75 ||
        ascending / (chars.length - 1) >= 0.8 ||
        (chars.length >= 16 && counts.size <= 3) ||
        SEQUENCE_RUN.test(v) ||
        /(.)\1{11,}$/.test(v)
    );
}

/**
 * Seven characters in sequence (`1234567`, `abcdefg`): what a person types when making a value up
 * (`sk-1234567…`, `dapi123456789abcdef…`); a random token has one by chance about once in 10^9.
 */
const SEQUENCE_RUN =
    /0123456|1234567|2345678|3456789|abcdefg|bcdefgh|cdefghi|defghij|efghijk|fghijkl|ghijklm|hijklmn|ijklmno|jklmnop|klmnopq|lmnopqr|mnopqrs|nopqrst|opqrstu|pqrstuv|qrstuvw|rstuvwx|stuvwxy|tuvwxyz/i;

/**
 * A value that describes what belongs there (`my-client-password`, `SOME_SECRET`); `your-…` in
 * any case is {@link PLACEHOLDER}'s.
 */
const DESCRIBED =
    /^(?:my|some|the)[-_](?:[a-z]+[-_])*(?:password|passwd|pass|secret|token|key|apikey)$|^(?:MY|SOME|THE)_(?:[A-Z]+_)*(?:PASSWORD|PASSWD|PASS|SECRET|TOKEN|KEY|APIKEY)$/;
/** A lookup in code of the value from the environment, as a whole value (`os.getenv("DB_PASSWORD")`, `process.env.TOKEN`). */
const ENV_LOOKUP =
    /^(?:os\.getenv|os\.environ(?:\.get)?|System\.getenv|getenv|env|ENV)\s*[([]|^process\.env\b/;
/** A PEM header or footer with no body: where a key goes, not a key. */
const PEM_MARKER_ONLY = /^(?:\s|\\n)*-----(?:BEGIN|END) [A-Z0-9 ]+-----(?:\s|\\n)*$/;

/** A placeholder (`changeme`, `ghp_xxxx…`), a template (`${…}`, `{{ … }}`) or a reference in any common syntax. */
function isPlaceholderOrReference(v: string): boolean {
    return (
        PLACEHOLDER.test(v) ||
        DESCRIBED.test(v) ||
        TEMPLATE.test(v) ||
        FOREIGN_REFERENCE.test(v) ||
        ENV_LOOKUP.test(v) ||
        REFERENCE_SCHEMES.test(v) ||
        PEM_MARKER_ONLY.test(v) ||
        isPlaceholderToken(v)
    );
}

export function isClearlyNotSecret(value: string): boolean {
    // A value in quotes (`'changeit'`) is judged by what the quotes hold.
    const v = value.trim().replace(/^(["'])(.*)\1$/s, "$2");
    if (v === "") {
        return true;
    }
    // A short number or a duration is a setting; six digits or more under a secret's name is a PIN,
    // a numeric password or a client secret.
    if (
        /^(?:true|false|yes|no|on|off|enabled|disabled)$/i.test(v) ||
        /^-?\d{1,5}(?:\.\d+)?[smhdw]?$/.test(v) ||
        /^-?\d+(?:\.\d+)?[smhdw]$/.test(v)
    ) {
        return true;
    }
    if (isPlaceholderOrReference(v)) {
        return true;
    }
    if (/^(?:\/|\.\.?\/|~\/)[^\s]*$/.test(v) || VAULT_MOUNTS.test(v) || LOWER_PATH.test(v)) {
        return true;
    }
    const url = URL.exec(v);
    if (url) {
        const [, authority, rest] = url;
        const at = authority.lastIndexOf("@");
        if (at >= 0 && authority.slice(0, at).includes(":")) {
            return false;
        }
        const query = rest.split("?")[1] ?? "";
        return !query.split("&").some((kv) => {
            const [k, val] = kv.split("=");
            return isSecretLikeKey(decodeURIComponent(k ?? "")) && val !== undefined && val !== "";
        });
    }
    return false;
}

// `KEY=value`, `KEY: value`, `"key": "value"`, `export KEY="value"` inside a script or config file.
// `KEY=value`, `key: value`, `key := "value"` on one line: the space around the operator never
// crosses a line, so an empty `X=` does not take the next line as its value.
const ASSIGNMENT =
    /(?:^|[\s;,{(])(?:export[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?::|=|:=)[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|(?:[Bb]earer|[Bb]asic|[Tt]oken|[Dd]igest|[Nn]egotiate|BEARER|BASIC|TOKEN)[ \t]+([^\s"',;}]+)|([^\s"',;}]+))/gm;

/** External Secrets' `secretKey: <name>` names a key of the Secret it writes: a name, not a value. */
function isExternalSecretName(key: string, value: string): boolean {
    return key === "secretKey" && /^[a-z0-9]([-a-z0-9_.]{0,251}[a-z0-9])?$/.test(value);
}

function scanAssignments(text: string): SecretFinding | undefined {
    for (const m of text.matchAll(ASSIGNMENT)) {
        const key = m[1];
        // Quoted, the word after an HTTP auth scheme (`Authorization: Bearer <token>`), or one word.
        const value = m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
        if (
            value !== "" &&
            secretUnderName(key, value) &&
            !/^\$/.test(value) &&
            !isExternalSecretName(key, value)
        ) {
            return { detector: "secret-like-key", confidence: "high", at: key };
        }
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// Layer 3: entropy.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST =
    /^(?:(?:sha(?:1|256|384|512)|md5):)?(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
const AWS_ID = /^[a-z]{1,12}-[0-9a-f]{8,17}$/;
const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~]+$/;

/** A UUID, an AWS resource id (`subnet-…`) or a semantic version: an identifier, not a secret. */
function isIdentifier(v: string): boolean {
    return UUID.test(v) || AWS_ID.test(v) || SEMVER.test(v);
}

/**
 * Decodes base64 that holds printable text (`"hello world"`), else undefined: padded, or without
 * its padding (as JWTs and many tools write it) from 16 characters on.
 */
function printableBase64(v: string): string | undefined {
    const padded = v.length % 4 === 0;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || !(padded || (v.length >= 16 && v.length % 4 !== 1))) {
        return undefined;
    }
    const text = Buffer.from(v, "base64").toString("utf8");
    return /^[\x20-\x7e\t\r\n]+$/.test(text) ? text : undefined;
}

function isHighEntropy(value: string): boolean {
    const v = value.trim();
    if (v.length < ENTROPY_MIN_LENGTH || !TOKEN_CHARS.test(v)) {
        return false;
    }
    if (isIdentifier(v) || HEX_DIGEST.test(v) || /^[0-9a-f]+$/.test(v)) {
        return false;
    }
    // Dotted or dashed words (`com.example.crm-sync`, `eu-west-1a`) and versions are names.
    if (/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(v) && !/\d[a-z]|[a-z]\d/.test(v)) {
        return false;
    }
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(v)).length;
    if (classes < 2) {
        return false;
    }
    return shannonEntropy(v) >= ENTROPY_MIN_BITS;
}

// ---------------------------------------------------------------------------------------------
// The detector.

/**
 * Scans a JSON document's string leaves with their keys: the first high-confidence finding wins;
 * an advisory one is returned only when no leaf is a mandatory finding, so it never hides one.
 */
async function scanJson(
    doc: unknown,
    path: string,
    depth: number,
): Promise<SecretFinding | undefined> {
    if (depth > 20) {
        return undefined;
    }
    const entries: [string, unknown, string][] = Array.isArray(doc)
        ? doc.map((v, i) => [String(i), v, `${path}[${i}]`])
        : doc !== null && typeof doc === "object"
          ? Object.entries(doc).map(([k, v]) => [k, v, path === "" ? k : `${path}.${k}`])
          : [];
    let advisory: SecretFinding | undefined;
    for (const [k, v, at] of entries) {
        const found =
            typeof v === "string"
                ? await scanLeaf(v, Array.isArray(doc) ? undefined : k)
                : await scanJson(v, at, depth + 1);
        const f = found && { ...found, at: found.at ?? at };
        if (f?.confidence === "high") {
            return f;
        }
        advisory ??= f;
    }
    return advisory;
}

async function scanLeaf(
    value: string,
    key: string | undefined,
): Promise<SecretFinding | undefined> {
    if (value === UNREADABLE_SECRET) {
        return { detector: "stored-secret", confidence: "high" };
    }
    // A placeholder is never a finding, whatever prefix it keeps: guards before verdicts.
    if (isPlaceholderToken(value)) {
        return undefined;
    }
    const known = await knownFormat(value);
    if (known?.confidence === "high") {
        return known;
    }
    if (URL.test(value.trim()) && !isClearlyNotSecret(value)) {
        return { detector: "url-credentials", confidence: "high" };
    }
    if (isAuthorizationValue(value)) {
        return { detector: "authorization-header", confidence: "high" };
    }
    if (key !== undefined && secretUnderName(key, value)) {
        return { detector: "secret-like-key", confidence: "high" };
    }
    // The name and the value together, as a scanner reads `NAME=value` in a file: a vendor's
    // name-bound format (`HEROKU_API_KEY=<uuid>`) is advisory — the name alone decides mandatory.
    const named = key !== undefined ? gitleaksFormat(`${key}=${value}`) : undefined;
    return known ?? (named && { ...named, confidence: "low" });
}

/** Scans one literal value; `key` is the env var / map key / property name it sits under. Never returns or logs the value. */
export async function scanValue(value: string, key?: string): Promise<SecretFinding | undefined> {
    if (typeof value !== "string" || value === "") {
        return undefined;
    }
    const trimmed = value.trim();
    // A JSON document is scanned key by key: the key it sits under describes the document, not a value.
    if (/^[{[]/.test(trimmed)) {
        let doc: unknown;
        try {
            doc = JSON.parse(trimmed);
        } catch {
            doc = undefined;
        }
        if (doc !== null && typeof doc === "object") {
            return scanJson(doc, "", 0);
        }
    }
    const leaf = await scanLeaf(value, typeof key === "string" ? key : undefined);
    if (leaf?.confidence === "high") {
        return leaf;
    }
    if (/[=:]/.test(value) && /\s/.test(trimmed)) {
        const assignment = scanAssignments(value);
        if (assignment) {
            return assignment;
        }
    }
    const decoded = printableBase64(trimmed);
    if (decoded !== undefined) {
        const innerLeaf = await scanLeaf(decoded, key);
        const inner =
            innerLeaf?.confidence === "high" ? innerLeaf : (scanAssignments(decoded) ?? innerLeaf);
        return inner ? { ...inner, detector: `base64-${inner.detector}` } : leaf;
    }
    // An advisory format (a generic assignment, a name-bound vendor format) before raw entropy.
    if (leaf) {
        return leaf;
    }
    if (isHighEntropy(trimmed)) {
        return { detector: "high-entropy", confidence: "low" };
    }
    return undefined;
}

/** A finding as a message fragment: `(detector "aws-access-key")` or `(detector "secret-like-key" at "db.password")`. */
export function describeFinding(f: SecretFinding): string {
    if (f.detector === "stored-secret") {
        return `detector "stored-secret": from encrypted stack config, so encrypted in the state but still a long-lived credential in the resource's inputs`;
    }
    return f.at !== undefined
        ? `detector "${f.detector}" at "${f.at}"`
        : `detector "${f.detector}"`;
}

/**
 * The word a message puts before what it found: "literal", except for a value read from encrypted
 * stack config (`pulumi config set --secret`), which is no literal in the program but is as static.
 * (The real engine hands a pack such a value decrypted, indistinguishable from a literal.)
 */
export function literalOrStatic(f: SecretFinding): "literal" | "static" {
    return f.detector === "stored-secret" ? "static" : "literal";
}
