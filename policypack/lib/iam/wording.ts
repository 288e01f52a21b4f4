// How IAM messages name statements, documents and lists, so every IAM rule words them alike.
import { IamStatement } from "./document";
import {
    IDENTITY_POLICY_TYPES,
    PERMISSION_SET_POLICY,
    RESOURCE_POLICY_TYPES,
    iamSubject,
} from "./locate";

/** Label for messages: `statement "Sid"` or `statement #2` (the 0-based index). */
export function describeStatement(s: IamStatement): string {
    return s.sid !== undefined ? `statement "${s.sid}"` : `statement #${s.index}`;
}
// ---------------------------------------------------------------------------------------------
// Wording shared by the rules.
/** How a message names a document: `IAM policy "p"`, `IAM role "r" inline policy "x"`, `SQS queue "q" policy`. */
export function documentLabel(type: string, name: string, place: string): string {
    const own = type in IDENTITY_POLICY_TYPES || RESOURCE_POLICY_TYPES[type]?.required === true;
    // The resource is the document: its one policy input needs no naming.
    return own && (place === "policy" || type === PERMISSION_SET_POLICY)
        ? `${iamSubject(type)} "${name}"`
        : `${iamSubject(type)} "${name}" ${place}`;
}

/** The fail-closed message for a document that cannot be parsed. */
export function unreadableDocumentMessage(label: string, error: string): string {
    return `${label} cannot be checked: ${error.replace(/\.$/, "")}; write it as a JSON policy document (aws.iam.getPolicyDocument or JSON.stringify of an object) so it can be verified.`;
}

/** Quotes a list of values for a message: `"a", "b"`, at most `limit` of them, then `and N more`. */
export function quoteList(values: string[], limit = 5): string {
    const shown = values.slice(0, limit).map((v) => `"${v}"`);
    const rest = values.length - shown.length;
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}
