// gdpr-guard's own version, from its package.json (one level above cli/ in the source tree, two
// above dist/cli/ in the build).
import * as fs from "node:fs";
import * as path from "node:path";

const up = path.basename(path.dirname(__dirname)) === "dist" ? ["..", ".."] : [".."];

export const VERSION: string = JSON.parse(
    fs.readFileSync(path.join(__dirname, ...up, "package.json"), "utf8"),
).version;
