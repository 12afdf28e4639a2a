// Every collection's JSON Schema compiled by ajv (pinned in package.json) in strict mode, and every collection
// file of a dataset folder validated against it: what a JavaScript user of the dataset meets. `x-references`
// (the collection a field's ids belong to; "." for the record's own) is declared as a keyword with its own
// metaschema, as strict mode requires of any keyword it does not know; ajv-formats gives `format: date`.
// tests/test_dataset.py runs this on the repository's dataset and on the release's.
//
//   node scripts/check_schemas.mjs [DATASET_DIR]      (default dataset; schemas read from DATASET_DIR/schemas)
// Prints one line per problem and exits 1 if there is any.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const REFERENCES_KEYWORD = {
  keyword: "x-references",
  metaSchema: { type: "string", pattern: "^(\\.|[a-z0-9]+(-[a-z0-9]+)*)$" },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const folder = path.resolve(process.argv[2] ?? path.join(root, "dataset"));
const schemas = path.join(folder, "schemas");

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addKeyword(REFERENCES_KEYWORD);

const problems = [];
const collections = readdirSync(schemas)
  .filter((name) => name.endsWith(".schema.json"))
  .map((name) => name.replace(/\.schema\.json$/, ""))
  .sort();
for (const collection of collections) {
  let validate;
  try {
    validate = ajv.compile(JSON.parse(readFileSync(path.join(schemas, `${collection}.schema.json`), "utf8")));
  } catch (error) {
    problems.push(`${collection}.schema.json: ${error.message}`);
    continue;
  }
  const document = JSON.parse(readFileSync(path.join(folder, `${collection}.json`), "utf8"));
  if (!validate(document)) {
    for (const error of validate.errors) problems.push(`${collection}.json${error.instancePath}: ${error.message}`);
  }
}
for (const problem of problems) console.log(problem);
console.log(`${collections.length} schemas compiled in strict mode, ${problems.length} problems`);
process.exit(problems.length > 0 || collections.length === 0 ? 1 : 0);
