/**
 * Lambda event filtering (FilterCriteria): the subset of EventBridge's pattern language that
 * Lambda accepts, compiled once per mapping so a bad pattern fails at startup, as
 * CreateEventSourceMapping would refuse it, rather than silently matching nothing at run time.
 *
 * What a pattern is matched against depends on the source (see the record builders): the whole
 * Lambda record for DynamoDB and SQS (`body` parsed when it is JSON), the `kinesis` part of the
 * record for Kinesis (`data` decoded when it is JSON).
 */

export type FilterPattern = Readonly<Record<string, unknown>>;

/** Decides whether one record reaches the function. */
export type RecordFilter = (record: unknown) => boolean;

type Match = (field: unknown) => boolean;

/** No patterns: every record passes. Otherwise a record passes when any pattern matches it (OR). */
export function compileFilters(patterns: readonly FilterPattern[] | undefined): RecordFilter {
  if (!patterns || patterns.length === 0) return () => true;
  const compiled = patterns.map((pattern, index) => compileObject(pattern, `filters[${index}]`));
  return (record) => compiled.some((match) => match(record));
}

/** Every key of the pattern must match the same key of the value (AND); `$or` takes alternatives. */
function compileObject(pattern: unknown, path: string): Match {
  if (!isPlainObject(pattern) || Object.keys(pattern).length === 0) {
    throw new InvalidFilter(path, "must be a non-empty object");
  }
  const checks = Object.entries(pattern).map(([key, rule]): Match => {
    const at = `${path}.${key}`;
    if (key === "$or") {
      if (!Array.isArray(rule) || rule.length < 2) throw new InvalidFilter(at, "must list at least two patterns");
      const alternatives = rule.map((alternative, index) => compileObject(alternative, `${at}[${index}]`));
      return (value) => alternatives.some((match) => match(value));
    }
    if (Array.isArray(rule)) {
      const matchField = compileField(rule, at);
      return (value) => matchField(fieldOf(value, key));
    }
    if (isPlainObject(rule)) {
      const matchNested = compileObject(rule, at);
      return (value) => {
        const field = fieldOf(value, key);
        // EventBridge flattens arrays of objects: the pattern matches if any element does.
        return Array.isArray(field) ? field.some((element) => matchNested(element)) : matchNested(field);
      };
    }
    throw new InvalidFilter(at, "must be an array of values or matchers, or a nested pattern");
  });
  return (value) => checks.every((check) => check(value));
}

/**
 * A leaf rule: the field matches when any matcher matches. `exists` looks at the field itself
 * and, as in EventBridge, only at leaves: a field holding an object "does not exist" (Lambda's
 * docs warn that `{"NewImage": {"x": [{"exists": true}]}}` never matches; use `x.S`).
 */
function compileField(rule: readonly unknown[], path: string): Match {
  if (rule.length === 0) throw new InvalidFilter(path, "must not be empty");
  const matchers = rule.map((matcher, index): Match => {
    if (isPlainObject(matcher) && "exists" in matcher) {
      if (Object.keys(matcher).length !== 1 || typeof matcher.exists !== "boolean") {
        throw new InvalidFilter(`${path}[${index}]`, "exists takes true or false");
      }
      const wanted = matcher.exists;
      return (field) => isLeaf(field) === wanted;
    }
    const matchValue = compileValue(matcher, `${path}[${index}]`);
    return (field) => leafValues(field).some(matchValue);
  });
  return (field) => matchers.some((match) => match(field));
}

/** A matcher for one scalar value of the event. */
function compileValue(matcher: unknown, path: string): Match {
  if (matcher === null || typeof matcher === "string" || typeof matcher === "boolean") return (value) => value === matcher;
  if (typeof matcher === "number") return (value) => typeof value === "number" && value === matcher;
  if (!isPlainObject(matcher) || Object.keys(matcher).length !== 1) {
    throw new InvalidFilter(path, "a matcher is a value or an object with exactly one operator");
  }
  const [operator, operand] = Object.entries(matcher)[0]!;
  switch (operator) {
    case "prefix":
    case "suffix":
      return compileAffix(operator, operand, `${path}.${operator}`);
    case "equals-ignore-case": {
      const expected = stringOperand(operand, `${path}.${operator}`).toLowerCase();
      return (value) => typeof value === "string" && value.toLowerCase() === expected;
    }
    case "anything-but":
      return compileAnythingBut(operand, `${path}.${operator}`);
    case "numeric":
      return compileNumeric(operand, `${path}.${operator}`);
    default:
      throw new InvalidFilter(path, `unsupported operator "${operator}" (Lambda supports prefix, suffix, equals-ignore-case, anything-but, numeric, exists)`);
  }
}

/** `{prefix: "a"}`, or `{prefix: {"equals-ignore-case": "a"}}` for a case-insensitive one. */
function compileAffix(operator: "prefix" | "suffix", operand: unknown, path: string): Match {
  let ignoreCase = false;
  if (isPlainObject(operand) && Object.keys(operand).length === 1 && "equals-ignore-case" in operand) {
    ignoreCase = true;
    operand = operand["equals-ignore-case"];
  }
  const affix = ignoreCase ? stringOperand(operand, path).toLowerCase() : stringOperand(operand, path);
  return (value) => {
    if (typeof value !== "string") return false;
    const subject = ignoreCase ? value.toLowerCase() : value;
    return operator === "prefix" ? subject.startsWith(affix) : subject.endsWith(affix);
  };
}

/** `{"anything-but": value | [values] | {prefix} | {suffix} | {"equals-ignore-case"}}`. */
function compileAnythingBut(operand: unknown, path: string): Match {
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (excluded.length === 0) throw new InvalidFilter(path, "must not be empty");
  const matchers = excluded.map((matcher, index) => {
    if (isPlainObject(matcher) && ("anything-but" in matcher || "numeric" in matcher)) {
      throw new InvalidFilter(`${path}[${index}]`, "anything-but takes values, prefix, suffix or equals-ignore-case");
    }
    return compileValue(matcher, `${path}[${index}]`);
  });
  return (value) => !matchers.some((match) => match(value));
}

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  "=": (a, b) => a === b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/**
 * `{numeric: [">", 0, "<=", 5]}`: JSON numbers only. DynamoDB's `N` values are strings in the
 * record, so a numeric matcher under `N` matches nothing, on AWS as here.
 */
function compileNumeric(operand: unknown, path: string): Match {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new InvalidFilter(path, 'takes one or two [operator, number] pairs, e.g. [">", 0, "<=", 5]');
  }
  const tests: ((value: number) => boolean)[] = [];
  for (let index = 0; index < operand.length; index += 2) {
    const compare = comparisons[String(operand[index])];
    const bound = operand[index + 1];
    if (!compare || typeof bound !== "number") throw new InvalidFilter(path, `bad comparison ${JSON.stringify(operand.slice(index, index + 2))}`);
    tests.push((value) => compare(value, bound));
  }
  return (value) => typeof value === "number" && tests.every((test) => test(value));
}

function stringOperand(operand: unknown, path: string): string {
  if (typeof operand !== "string") throw new InvalidFilter(path, "takes a string");
  return operand;
}

function fieldOf(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The scalar values a field holds: itself, or the scalar elements of an array. */
function leafValues(field: unknown): unknown[] {
  if (field === undefined) return [];
  return (Array.isArray(field) ? field : [field]).filter((value) => !isPlainObject(value) && !Array.isArray(value));
}

function isLeaf(field: unknown): boolean {
  return leafValues(field).length > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A pattern Lambda would refuse; the message names where it is. */
export class InvalidFilter extends Error {
  constructor(path: string, problem: string) {
    super(`invalid event filter at ${path}: ${problem}`);
  }
}
