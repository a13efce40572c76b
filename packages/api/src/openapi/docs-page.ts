import { anchor, escapeHtml, inlineMarkdown } from './docs-html';
import { renderSchema, typeLabel } from './docs-schema';
import type { Json, OpenApiDocument } from './build-openapi-document';

interface Operation {
  method: string;
  path: string;
  spec: Json;
}

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];
const TAG_TITLES: Readonly<Record<string, string>> = { 'openapi.json': 'OpenAPI document', me: 'Me (a customer’s own view)' };
const SCHEME_NAMES: Readonly<Record<string, string>> = { secretKey: 'secret key', sessionToken: 'session token', publishableKey: 'publishable key', customerHeader: 'BillingOS-Customer header', checkoutClientSecret: "checkout session's client secret" };

/**
 * The API reference as one HTML page, from the document alone: what `GET /docs` serves.
 * No script: every link is a fragment of the page, and the stylesheet is `/docs/docs.css`.
 */
export function renderDocsPage(document: OpenApiDocument): string {
  const groups = byTag(document);
  const info = document.info as { title: string; version: string; description?: string };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(info.title)} reference</title>
<link rel="stylesheet" href="/docs/docs.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">Skip to the reference</a>
<div class="layout">
<nav class="sidebar" aria-label="Operations">
<p class="brand"><a href="#top">${escapeHtml(info.title)}</a> <span class="version">v${escapeHtml(info.version)}</span></p>
<ul>
<li><a href="#authentication">Authentication</a></li>
${groups.map(([tag, operations]) => `<li><a href="#${anchor('tag', tag)}">${escapeHtml(tagTitle(tag))}</a><ul>${operations.map(navItem).join('')}</ul></li>`).join('\n')}
<li><a href="#objects">Objects</a></li>
</ul>
</nav>
<main id="main">
<header id="top">
<h1>${escapeHtml(info.title)} reference</h1>
${info.description ? `<p class="lead">${inlineMarkdown(info.description)}</p>` : ''}
${servers(document)}
<p>The same contract as JSON: <a href="/v1/openapi.json"><code>/v1/openapi.json</code></a> (OpenAPI ${escapeHtml(document.openapi)}).</p>
</header>
${authentication(document)}
${groups.map(([tag, operations]) => `<section class="tag" id="${anchor('tag', tag)}" aria-labelledby="${anchor('tag', tag, 'title')}"><h2 id="${anchor('tag', tag, 'title')}">${escapeHtml(tagTitle(tag))}</h2>${operations.map((operation) => renderOperation(operation, document)).join('\n')}</section>`).join('\n')}
${objects(document)}
</main>
</div>
</body>
</html>
`;
}

function byTag(document: OpenApiDocument): Array<[string, Operation[]]> {
  const groups = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(item)) {
      const tag = (spec.tags as string[] | undefined)?.[0] ?? 'other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, spec });
    }
  }
  for (const operations of groups.values()) operations.sort((a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
  return [...groups].sort(([a], [b]) => tagTitle(a).localeCompare(tagTitle(b)));
}

function tagTitle(tag: string): string {
  return TAG_TITLES[tag] ?? `${tag.charAt(0).toUpperCase()}${tag.slice(1).replace(/-/g, ' ')}`;
}

function operationId({ method, path, spec }: Operation): string {
  return anchor('op', typeof spec.operationId === 'string' ? spec.operationId : `${method} ${path}`);
}

function navItem(operation: Operation): string {
  const summary = typeof operation.spec.summary === 'string' ? operation.spec.summary : '';
  return `<li><a href="#${operationId(operation)}" title="${escapeHtml(summary)}"><span class="method method-${operation.method}">${operation.method.toUpperCase()}</span> <span>${escapeHtml(operation.path).replace(/\//g, '/<wbr>')}</span></a></li>`;
}

function renderOperation(operation: Operation, document: OpenApiDocument): string {
  const { method, path, spec } = operation;
  const parameters = (spec.parameters as Json[] | undefined) ?? [];
  const body = ((spec.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.['application/json']?.schema as Json | undefined;
  const [status, response] = Object.entries(spec.responses as Record<string, Json>).find(([code]) => /^2\d\d$/.test(code)) ?? [];
  return `<section class="operation" id="${operationId(operation)}">
<h3>${inlineMarkdown(String(spec.summary ?? `${method.toUpperCase()} ${path}`))}</h3>
<p class="endpoint"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></p>
${typeof spec.description === 'string' ? `<p>${inlineMarkdown(spec.description)}</p>` : ''}
${credentials(spec.security as Array<Record<string, string[]>> | undefined, document)}
${parameters.length > 0 ? parameterTable(parameters) : ''}
${body ? `<h4>Request body <span class="media">application/json</span></h4>${renderSchema(body, 'request')}` : ''}
${status && response ? responseBlock(status, response) : ''}
<p class="errors">Errors: <code>4XX</code> and <code>5XX</code> answer the <a href="#${anchor('schema', 'ErrorEnvelope')}">error envelope</a>.</p>
</section>`;
}

function credentials(security: Array<Record<string, string[]>> | undefined, document: OpenApiDocument): string {
  if (!security || security.length === 0) return '<p class="auth">No credential needed.</p>';
  const options = security.map((requirement) =>
    Object.keys(requirement)
      .map((scheme) => (scheme in document.components.securitySchemes ? `<a href="#${anchor('auth', scheme)}">${escapeHtml(SCHEME_NAMES[scheme] ?? scheme)}</a>` : escapeHtml(scheme)))
      .join(' with a '),
  );
  return `<p class="auth">Credential: ${options.join(', or ')}.</p>`;
}

function parameterTable(parameters: Json[]): string {
  const rows = parameters.map((parameter) => {
    const schema = (parameter.schema as Json | undefined) ?? {};
    const description = typeof parameter.description === 'string' ? parameter.description : typeof schema.description === 'string' ? schema.description : '';
    return `<tr><td><code>${escapeHtml(String(parameter.name))}</code>${parameter.required ? ' <span class="badge required">required</span>' : ''}</td><td>${escapeHtml(String(parameter.in))}</td><td>${typeLabel(schema)}</td><td>${inlineMarkdown(description)}</td></tr>`;
  });
  return `<h4>Parameters</h4><div class="table"><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">description</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function responseBlock(status: string, response: Json): string {
  const content = (response.content as Record<string, Json> | undefined) ?? {};
  const [media, body] = Object.entries(content)[0] ?? [];
  if (!media || !body) return `<h4>Response <span class="status">${escapeHtml(status)}</span></h4><p>No body.</p>`;
  const itemSchema = body['x-item-schema'] as Json | undefined;
  const schema = itemSchema ?? (body.schema as Json);
  const lead = itemSchema ? `<p>Server-Sent Events: the <code>data:</code> of each event is one ${typeLabel(itemSchema)}, as JSON.</p>` : '';
  return `<h4>Response <span class="status">${escapeHtml(status)}</span> <span class="media">${escapeHtml(media)}</span></h4>${lead}${itemSchema ? '' : renderSchema(schema, 'response')}`;
}

function servers(document: OpenApiDocument): string {
  const list = (document.servers as Array<{ url: string; description?: string }> | undefined) ?? [];
  if (list.length === 0) return '';
  const items = list.map((server) => `<li><code>${escapeHtml(server.url)}</code>${server.description ? `: ${inlineMarkdown(server.description)}` : ''}</li>`);
  return `<p>Base URLs:</p><ul class="servers">${items.join('')}</ul>`;
}

function authentication(document: OpenApiDocument): string {
  const schemes = Object.entries(document.components.securitySchemes).map(([name, scheme]) => {
    const how = scheme.type === 'http' ? `<code>Authorization: Bearer ${escapeHtml(String(scheme.bearerFormat ?? '…'))}</code>` : `The <code>${escapeHtml(String(scheme.name))}</code> header`;
    return `<dt id="${anchor('auth', name)}">${escapeHtml(SCHEME_NAMES[name] ?? name)}</dt><dd>${how}. ${inlineMarkdown(String(scheme.description ?? ''))}</dd>`;
  });
  return `<section id="authentication" aria-labelledby="authentication-title"><h2 id="authentication-title">Authentication</h2><dl class="schemes">${schemes.join('')}</dl></section>`;
}

function objects(document: OpenApiDocument): string {
  const sections = Object.entries(document.components.schemas).map(
    ([name, schema]) =>
      `<section class="object" id="${anchor('schema', name)}"><h3>${escapeHtml(name)}</h3>${typeof schema.description === 'string' ? `<p>${inlineMarkdown(schema.description)}</p>` : ''}${renderSchema(schema, 'response')}</section>`,
  );
  return `<section id="objects" aria-labelledby="objects-title"><h2 id="objects-title">Objects</h2>${sections.join('\n')}</section>`;
}
