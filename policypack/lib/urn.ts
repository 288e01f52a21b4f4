// What a resource's URN says about where it sits: `urn:pulumi:<stack>::<project>::<qualified
// type>::<name>`, where the qualified type is the parents' types and the resource's own, joined by
// `$`. Rules use it to judge a component once — on the inputs its user wrote — rather than again on
// each child it builds from them.

/** The types of the components that enclose the resource, outermost first (`[]` at top level or for a malformed URN). */
export function enclosingTypes(urn: unknown): string[] {
    if (typeof urn !== "string") {
        return [];
    }
    const qualified = urn.split("::")[2];
    return qualified === undefined ? [] : qualified.split("$").slice(0, -1);
}

/** True when one of `types` encloses the resource. */
export function isInside(urn: unknown, types: readonly string[]): boolean {
    return enclosingTypes(urn).some((t) => types.includes(t));
}
