import fc, { type Arbitrary } from "fast-check";

/**
 * fast-check arbitraries derived from the JSON Schemas of the OpenAPI document, for the subset
 * the document uses: object (properties, required, additionalProperties), string (length,
 * pattern, format, enum, const), integer and number (minimum, maximum), array (items, length),
 * anyOf/oneOf, null, boolean and `$ref` into components. The one npm package that derives
 * arbitraries from JSON Schema (json-schema-fast-check 0.0.6) is built on fast-check 1, whose
 * arbitraries cannot be mixed with this repository's fast-check 4.
 *
 * `valueOf` generates values the schema accepts; `breakingOf` generates values it should refuse
 * (a required field dropped, a wrong type, out of range, an extra property), one fault at a time
 * and in any nested field. Formats are generated but not broken: the document's checker does not
 * validate formats, so a "bad format" could not be told apart from a good one. Callers judge the
 * final value with a validator anyway: what the schema says, not how it was made, decides.
 */
export type Schema = Record<string, any>;

/** A schema hook: an arbitrary to use for this (sub)schema instead of the derived one, e.g. known ids. */
export type Refine = (schema: Schema, derived: Arbitrary<unknown>) => Arbitrary<unknown>;

export interface DeriveOptions {
  /** What `$ref`s point into: the OpenAPI document. */
  root?: Schema;
  refine?: Refine;
}

const INT32 = 2 ** 31 - 1;

function resolve(schema: Schema, root: Schema | undefined): Schema {
  if (typeof schema.$ref !== "string") return schema;
  if (!schema.$ref.startsWith("#/") || !root) throw new Error(`cannot resolve ${schema.$ref}`);
  const target = schema.$ref.slice(2).split("/").reduce<any>((node, part) => node?.[part], root);
  if (!target) throw new Error(`${schema.$ref} points nowhere`);
  return resolve(target, root);
}

function integerBetween(min: number, max: number): Arbitrary<number> {
  if (min >= -INT32 && max <= INT32) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

function typeOf(schema: Schema): string | undefined {
  if (schema.type) return schema.type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  return undefined;
}

function stringValue(schema: Schema): Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength + 40, 40);
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  if (schema.format === "email") return fc.emailAddress().filter(fits);
  if (schema.format === "date" || schema.format === "date-time") {
    const date = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2999-12-31T23:59:59Z"), noInvalidDate: true }).map((d) => d.toISOString());
    return (schema.format === "date" ? date.map((iso) => iso.slice(0, 10)) : date).filter(fits);
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const matching = fc.stringMatching(pattern).filter(fits);
    if (schema.pattern.startsWith("^")) return matching;
    // An unanchored pattern ("[A-Z]") says little about length: also plain strings of the right length that happen to match.
    return fc.oneof(matching, fc.string({ minLength, maxLength, unit: "grapheme-ascii" }).filter((value) => pattern.test(value)));
  }
  return fc.string({ minLength, maxLength, unit: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(..."abcXYZ09 -_") }, fc.constantFrom("é", "😀", "中", "\u0000", "'", '"', "<", "\\")) });
}

/** Values the schema accepts. */
export function valueOf(input: Schema, options: DeriveOptions = {}): Arbitrary<unknown> {
  const schema = resolve(input, options.root);
  const derived = deriveValue(schema, options);
  return options.refine ? options.refine(schema, derived) : derived;
}

function deriveValue(schema: Schema, options: DeriveOptions): Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...(branches as Schema[]).map((branch) => valueOf(branch, options)));
  switch (typeOf(schema)) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueOf(property, options)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []) as string[] });
    }
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = schema.maxItems ?? minLength + 5;
      return fc.array(schema.items ? valueOf(schema.items, options) : fc.jsonValue(), { minLength, maxLength });
    }
    case "string":
      return stringValue(schema);
    case "integer":
      return integerBetween(schema.minimum ?? -1e9, schema.maximum ?? 1e9);
    case "number":
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue();
  }
}

const ofOtherTypes = (type: string | undefined): Arbitrary<unknown> =>
  fc.constantFrom<unknown>(null, true, 0, -1, 1.5, "", "1", "text", [], {}, [1], { a: 1 }).filter((value) => {
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    if (type === "integer") return !(typeof value === "number" && Number.isInteger(value));
    return actual !== (type === "integer" ? "number" : type);
  });

/** A property name no schema of the document declares. */
const extraName = fc.constantFrom("extra", "role", "id", "price", "__proto__", "constructor", "status", "userId", "version", "admin");

/**
 * Values the schema should refuse: one fault, at the top or in one nested field. Not every
 * value is guaranteed invalid (a wrong type can still satisfy an anyOf branch); judge them.
 */
export function breakingOf(input: Schema, options: DeriveOptions = {}): Arbitrary<unknown> {
  const schema = resolve(input, options.root);
  const faults: Arbitrary<unknown>[] = [];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) {
    faults.push(...branches.map((branch) => breakingOf(branch, options)));
    return fc.oneof(...faults);
  }
  if ("const" in schema) faults.push(fc.constantFrom("other", 0, null));
  const type = typeOf(schema);
  if (type) faults.push(ofOtherTypes(type));
  if (schema.enum) faults.push(fc.string({ maxLength: 12 }).filter((value) => !schema.enum.includes(value)), fc.constantFrom(...(schema.enum as string[]).map((value) => value.toLowerCase() + " ")));
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const valid = valueOf(schema, options) as Arbitrary<Record<string, unknown>>;
      if (required.length > 0) {
        faults.push(fc.tuple(valid, fc.constantFrom(...required)).map(([value, name]) => omit(value, name)));
      }
      if (schema.additionalProperties === false) {
        faults.push(fc.tuple(valid, extraName, fc.jsonValue()).map(([value, name, extra]) => defineField({ ...value }, name, extra)));
      }
      for (const [name, property] of Object.entries(properties)) {
        faults.push(fc.tuple(valid, breakingOf(property, options)).map(([value, bad]) => defineField({ ...value }, name, bad)));
      }
      break;
    }
    case "array": {
      const item = schema.items ? valueOf(schema.items, options) : fc.jsonValue();
      if (schema.maxItems !== undefined) faults.push(fc.array(item, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 3 }));
      if ((schema.minItems ?? 0) > 0) faults.push(fc.array(item, { maxLength: schema.minItems - 1 }));
      if (schema.items) {
        const minLength = Math.max(schema.minItems ?? 0, 1);
        faults.push(
          fc.tuple(fc.array(item, { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 3, minLength + 3) }), breakingOf(schema.items, options), fc.nat()).map(([items, bad, at]) => {
            const copy = [...items];
            copy[at % copy.length] = bad;
            return copy;
          }),
        );
      }
      break;
    }
    case "string": {
      if (schema.maxLength !== undefined) faults.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 8 }));
      if ((schema.minLength ?? 0) > 0) faults.push(fc.string({ maxLength: schema.minLength - 1 }));
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        faults.push(fc.string({ maxLength: 40 }).filter((value) => !pattern.test(value)));
      }
      break;
    }
    case "integer":
    case "number": {
      if (schema.minimum !== undefined) faults.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 0.001, -1e12));
      if (schema.maximum !== undefined) faults.push(fc.constantFrom(schema.maximum + 1, schema.maximum + 0.5, 1e15));
      if (type === "integer") faults.push(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)));
      break;
    }
  }
  if (faults.length === 0) throw new Error(`no way to break ${JSON.stringify(schema).slice(0, 80)}`);
  return fc.oneof(...faults);
}

function omit(value: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _dropped, ...rest } = value;
  return rest;
}

/** Sets a field even when it is named `__proto__`, as JSON.parse on the server would see it. */
function defineField(target: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: true });
  return target;
}
