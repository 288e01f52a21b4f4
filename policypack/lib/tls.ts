// TLS settings of AWS endpoints: load-balancer listener types, redirects to HTTPS and security-policy
// name patterns.
import { asObject } from "./read";

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

/** True when a listener's default action redirects to HTTPS. */
export function redirectsToHttps(action: Record<string, any>): boolean {
    const protocol = asObject(action.redirect).protocol;
    return (
        action.type === "redirect" &&
        typeof protocol === "string" &&
        protocol.toUpperCase() === "HTTPS"
    );
}

/** Listener type tokens of `aws.lb` and its `aws.alb` alias. */
export const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);
