// A rule that applies to one resource type, declared so: `validateResource: ofType(TOKEN, fn)`.
import type { ResourceValidation } from "@pulumi/policy";

/**
 * `validate`, run only on resources of type `type` (a type token such as
 * `"aws:sqs/queue:Queue"`). The function carries the token as `__pulumiType`, the tag that
 * @pulumi/policy's own `validateResourceOfType` puts on it: the pack's server then skips the rule,
 * and the deserialization of the resource's inputs it would make for it, on every other type (it
 * reports such a pair as not applicable). The type is checked here too, so the rule stays right
 * where the tag is not read (the test harness, a server without the shortcut).
 * `validateResourceOfType` itself takes a resource class, which would load a provider SDK into
 * the pack for each type; a token loads nothing.
 */
export function ofType(type: string, validate: ResourceValidation): ResourceValidation {
    const typed: ResourceValidation = (args, reportViolation) =>
        args.type === type ? validate(args, reportViolation) : undefined;
    return Object.assign(typed, { __pulumiType: type });
}

/** The type token `ofType` declared on a validation, if any. */
export function declaredType(validate: ResourceValidation): string | undefined {
    const t = (validate as { __pulumiType?: unknown }).__pulumiType;
    return typeof t === "string" ? t : undefined;
}
