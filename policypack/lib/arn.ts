// ARNs and the AWS accounts they name.
/** The AWS account id in an ARN (`arn:aws:iam::111122223333:root` → `111122223333`), or undefined. */
export function accountOfArn(arn: string): string | undefined {
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    return /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The account id an IAM `AWS` principal names: a bare 12-digit id or an ARN's account; else undefined. */
export function accountOfPrincipal(principal: string): string | undefined {
    const p = principal.trim();
    if (/^\d{12}$/.test(p)) {
        return p;
    }
    return accountOfArn(p);
}
