// Writes a copy of Okta's Management API description that Prism validates the way Okta's
// documentation reads it. Two kinds of `oneOf` in the spec can never pass a JSON Schema
// validator that ignores OpenAPI's `discriminator` (Prism's does):
//
// 1. `oneOf` + `discriminator.mapping` whose members do not constrain the discriminator
//    property themselves (NetworkZone: IPNetworkZone, DynamicNetworkZone and
//    EnhancedDynamicNetworkZone accept any `type`), so a zone matches all three members and
//    "must match exactly one" fails. Each mapped member becomes
//    `allOf: [member, {properties: {<property>: {enum: [<its mapping values>]}}}]`, which is
//    what the discriminator means.
// 2. `oneOf` without a discriminator whose members overlap completely (listed in
//    ANY_OF below with the reason): they become `anyOf`.
//
// Nothing else changes. Usage: node patch-spec.js IN.yaml OUT.json (prints what it changed).
'use strict';

const fs = require('node:fs');
const { parse } = require('@stoplight/yaml');

// Component schemas whose `oneOf` members cannot be told apart by a validator.
const ANY_OF = {
  // AppUserCredentialsRequestPayload ({credentials}) and AppUserProfileRequestPayload
  // ({profile}) require nothing and allow other properties: every body matches both.
  AppUserUpdateRequest: 'members require no property, so every body matches both',
};

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node patch-spec.js IN.yaml OUT.json');
  process.exit(2);
}
const spec = parse(fs.readFileSync(input, 'utf8'));
let wrapped = 0;

function visit(node) {
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const mapping = node.discriminator && node.discriminator.mapping;
  if (Array.isArray(node.oneOf) && mapping && node.discriminator.propertyName) {
    const values = {};
    for (const [value, ref] of Object.entries(mapping)) {
      (values[ref] = values[ref] || []).push(value);
    }
    node.oneOf = node.oneOf.map((member) => {
      const own = member && member.$ref && values[member.$ref];
      if (!own) return member;
      wrapped += 1;
      return {
        allOf: [
          member,
          { type: 'object', properties: { [node.discriminator.propertyName]: { enum: own } } },
        ],
      };
    });
  }
  Object.values(node).forEach(visit);
}

visit(spec.paths);
visit(spec.components && spec.components.schemas);
for (const [name, reason] of Object.entries(ANY_OF)) {
  const schema = spec.components.schemas[name];
  if (schema && Array.isArray(schema.oneOf)) {
    schema.anyOf = schema.oneOf;
    delete schema.oneOf;
    console.error(`patch-spec: ${name}: oneOf -> anyOf (${reason})`);
  }
}
fs.writeFileSync(output, JSON.stringify(spec));
console.error(`patch-spec: constrained the discriminator of ${wrapped} oneOf members`);
