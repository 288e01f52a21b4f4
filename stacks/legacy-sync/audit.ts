import type { LegacyContext } from "./context";

/** Offences of the `audit` family beyond the base script (see `index.ts`). */
export function addOffences(_ctx: LegacyContext): void {
    // Intentionally empty until the family adds its cases.
}
