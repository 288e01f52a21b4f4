// TLS settings of AWS endpoints: load-balancer listener types and security-policy name patterns.
/** True when `value` matches one of the `*` patterns. */
export function matchesAny(value: string, patterns: string[]): boolean {
    return patterns.some((p) => {
        const re = new RegExp(
            `^${p
                .split("*")
                .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
                .join(".*")}$`,
        );
        return re.test(value);
    });
}

/** Listener type tokens of `aws.lb` and its `aws.alb` alias. */
export const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);
