// Rewrites the generated part of docs/permissions.md (everything from "### Tenant roles").
import { readFileSync, writeFileSync } from "node:fs";
import { renderPermissionMatrix } from "./matrix-doc";

const path = new URL("../../../docs/permissions.md", import.meta.url);
const doc = readFileSync(path, "utf8");
const head = doc.slice(0, doc.indexOf("### Tenant roles"));
writeFileSync(path, `${head}${renderPermissionMatrix()}\n`);
