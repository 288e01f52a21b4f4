// The last results of a pure function of a string, for work several rules repeat on the same
// resource: each rule gets its own copy of a resource from the policy server, so what is shared is
// the text they read (a kubeconfig, a Vault policy, an env value), not an object.

/**
 * `fn` with its last results kept by argument (at most `max`; the memo is emptied when full, so
 * memory stays bounded on any stack). Callers must only read a result, never change it; a
 * promise is kept as it is, so a rejection is shared too.
 */
export function memoByText<T>(max: number, fn: (text: string) => T): (text: string) => T {
    const results = new Map<string, T>();
    return (text) => {
        if (results.has(text)) {
            return results.get(text) as T;
        }
        const result = fn(text);
        if (results.size >= max) {
            results.clear();
        }
        results.set(text, result);
        return result;
    };
}
