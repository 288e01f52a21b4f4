// Where gdpr-guard is installed, and its version. The package root is one level above cli/ in
// the source tree and two above dist/cli/ in the build.
import * as fs from "node:fs";
import * as path from "node:path";

/** The gdpr-guard package's root folder (holds package.json and policypack/). */
export const PACKAGE_ROOT = path.resolve(
    __dirname,
    ...(path.basename(path.dirname(__dirname)) === "dist" ? ["..", ".."] : [".."]),
);

export const VERSION: string = JSON.parse(
    fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"),
).version;
