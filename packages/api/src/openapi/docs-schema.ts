import { anchor, escapeHtml, inlineMarkdown } from './docs-html';
import type { Json } from './build-openapi-document';

/** `request`: marks what the caller must send; `response`: marks what may be absent. */
export type SchemaSide = 'request' | 'response';

const SCHEMA_REF = '#/components/schemas/';
/** Deeper than any schema of ours; a guard against a self-referencing inline schema. */
const MAX_DEPTH = 8;

/**
 * A schema's type on one line, as HTML: `string (date-time)`, `"day" | "week"`,
 * `array of <a href="#schema-Price">Price</a>`, `integer | null`, …
 */
export function typeLabel(schema: Json): string {
  if (typeof schema.$ref === 'string') return refLink(schema.$ref);
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(' | ');
  const variants = variantsOf(schema);
  if (variants) return variants.map((variant) => variantLabel(variant)).join(' | ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) return 'any';
  return types.map((type) => singleType(type, schema)).join(' | ');
}

/** The fields of an object schema as a list, objects inside it (and unions of objects) nested. */
export function renderSchema(schema: Json, side: SchemaSide, depth = 0): string {
  if (depth > MAX_DEPTH) return '';
  if (typeof schema.$ref === 'string') return `<p class="see">${refLink(schema.$ref)}</p>`;
  const variants = variantsOf(schema);
  if (variants) {
    const inline = variants.filter((variant) => isObjectWithFields(variant));
    if (inline.length === 0) return `<p class="see">One of ${typeLabel(schema)}.</p>`;
    return `<div class="variants">${variants
      .map((variant) => `<div class="variant"><p class="variant-name">One of: ${variantLabel(variant)}</p>${isObjectWithFields(variant) ? renderSchema(variant, side, depth + 1) : ''}</div>`)
      .join('')}</div>`;
  }
  if (!isObjectWithFields(schema)) return `<p class="see">${typeLabel(schema)}</p>`;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const fields = Object.entries(schema.properties as Record<string, Json>).map(([name, field]) => renderField(name, field, required.has(name), side, depth));
  return `<ul class="fields">${fields.join('')}</ul>`;
}

function renderField(name: string, field: Json, required: boolean, side: SchemaSide, depth: number): string {
  const badge = side === 'request' && required ? ' <span class="badge required">required</span>' : side === 'response' && !required ? ' <span class="badge">optional</span>' : '';
  const description = typeof field.description === 'string' ? `<p>${inlineMarkdown(field.description)}</p>` : '';
  const rules = constraints(field);
  const inner = nested(field);
  return (
    `<li class="field"><p class="field-head"><code class="field-name">${escapeHtml(name)}</code> <span class="type">${typeLabel(field)}</span>${badge}</p>` +
    description +
    (rules.length > 0 ? `<p class="rules">${rules.join(' · ')}</p>` : '') +
    (inner ? renderSchema(inner, side, depth + 1) : '') +
    '</li>'
  );
}

/** What to list under a field: its object, its array's object, or its union of objects (not a `$ref`: that one is linked). */
function nested(field: Json): Json | undefined {
  const subject = nonNull(field);
  const items = subject.type === 'array' && subject.items && typeof subject.items === 'object' ? (subject.items as Json) : subject;
  if (isObjectWithFields(items)) return items;
  const variants = variantsOf(items);
  return variants?.some((variant) => isObjectWithFields(variant)) ? items : undefined;
}

function constraints(field: Json): string[] {
  const subject = nonNull(field);
  const rules: string[] = [];
  const range = (min: unknown, max: unknown, unit: string): void => {
    const low = typeof min === 'number' ? min : undefined;
    const high = typeof max === 'number' && max < Number.MAX_SAFE_INTEGER ? max : undefined;
    if (low !== undefined && high !== undefined) rules.push(`${low}–${high}${unit}`);
    else if (low !== undefined && low > 0) rules.push(`at least ${low}${unit}`);
    else if (high !== undefined) rules.push(`at most ${high}${unit}`);
  };
  range(subject.minimum, subject.maximum, '');
  range(subject.minLength, subject.maxLength, ' characters');
  range(subject.minItems, subject.maxItems, ' items');
  // A format (email, uuid) says more than the regular expression that checks it.
  if (typeof subject.pattern === 'string' && typeof subject.format !== 'string') rules.push(`matches <code>${escapeHtml(subject.pattern)}</code>`);
  if ('default' in field) rules.push(`default <code>${escapeHtml(JSON.stringify(field.default))}</code>`);
  return rules;
}

function singleType(type: string, schema: Json): string {
  if (type === 'array') {
    const items = schema.items && typeof schema.items === 'object' ? (schema.items as Json) : {};
    const label = typeLabel(items);
    return `array of ${variantsOf(items) || Array.isArray(items.enum) ? `(${label})` : label}`;
  }
  if (type === 'object' && !schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeLabel(schema.additionalProperties as Json)}`;
  }
  if (type === 'string' && typeof schema.format === 'string') return `string (${escapeHtml(schema.format)})`;
  return escapeHtml(type);
}

/** A union member: its `$ref`, or an object named by its constant field (`type = "metered"`). */
function variantLabel(variant: Json): string {
  if (!isObjectWithFields(variant)) return typeLabel(variant);
  const constant = Object.entries(variant.properties as Record<string, Json>).find(([, field]) => 'const' in field);
  return constant ? `object with <code>${escapeHtml(constant[0])}: ${escapeHtml(JSON.stringify(constant[1].const))}</code>` : 'object';
}

function variantsOf(schema: Json): Json[] | undefined {
  const variants = schema.oneOf ?? schema.anyOf;
  return Array.isArray(variants) ? (variants as Json[]) : undefined;
}

/** `X | null` → `X`, so a nullable field still shows X's rules and fields. */
function nonNull(schema: Json): Json {
  const variants = variantsOf(schema);
  const present = variants?.filter((variant) => variant.type !== 'null');
  return present?.length === 1 ? present[0]! : schema;
}

function isObjectWithFields(schema: Json): boolean {
  return schema.type === 'object' && typeof schema.properties === 'object' && schema.properties !== null && Object.keys(schema.properties).length > 0;
}

function refLink(ref: string): string {
  const name = ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : ref;
  return `<a href="#${anchor('schema', name)}">${escapeHtml(name)}</a>`;
}
