import { renderDocument } from '../html/render-document.js';
import type { JsonSchema, OpenApiDocument, OpenApiMethod, OpenApiOperation } from './openapi-types.js';

// Plain text inside <style>: no < & or quotes, like the public stylesheet.
const STYLES = `
body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;line-height:1.5;color:#1f2328;background:#fff}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
a{color:#0550ae}
code,.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
h1{font-size:1.75rem;margin:0 0 1rem}h2{font-size:1.35rem;margin:2.5rem 0 .5rem;border-bottom:1px solid #d0d7de}
h3{font-size:1.05rem;margin:0 0 .25rem;display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap}
h4{font-size:.95rem;margin:1rem 0 .25rem}
.op{border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:1rem 0}
.method{font-weight:700;font-size:.8rem;padding:.1rem .4rem;border-radius:.25rem;background:#eaeef2;text-transform:uppercase}
.m-get{background:#dafbe1}.m-post{background:#ddf4ff}.m-patch,.m-put{background:#fff8c5}.m-delete{background:#ffebe9}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;vertical-align:top;border-top:1px solid #d0d7de;padding:.35rem .5rem}
.muted{color:#57606a}ul.toc{columns:2;padding-left:1.25rem}@media (max-width:40rem){ul.toc{columns:1}}
`;

const METHODS: readonly OpenApiMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

interface Operation {
  readonly method: OpenApiMethod;
  readonly path: string;
  readonly op: OpenApiOperation;
}

/** `GET /api/v1/docs`: every operation of the OpenAPI document, readable, with no external assets. */
export function renderApiDocs(doc: OpenApiDocument, openApiUrl: string): string {
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op === undefined ? [] : [{ method, path, op }];
    }),
  );
  const server = doc.servers[0]?.url ?? '';
  return renderDocument(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{doc.info.title}</title>
        <style>{STYLES}</style>
      </head>
      <body>
        <main>
          <h1>{doc.info.title}</h1>
          {doc.info.description.split('\n\n').map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          <p>
            Base URL: <code>{server}</code>. Machine-readable description:{' '}
            <a href={openApiUrl}>OpenAPI 3.1 document</a>.
          </p>
          <h2 id="authentication">Authentication</h2>
          <ul>
            {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
              <li>
                <strong>{name}</strong>: {scheme.description}
              </li>
            ))}
          </ul>
          <h2 id="operations">Operations</h2>
          {doc.tags.map((tag) => (
            <section>
              <h3 class="muted">{tag.name}</h3>
              <ul class="toc">
                {operations
                  .filter((o) => o.op.tags.includes(tag.name))
                  .map((o) => (
                    <li>
                      <a href={`#${o.op.operationId}`}>
                        <span class="method">{o.method}</span> <span class="path">{o.path}</span>
                      </a>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
          {doc.tags.map((tag) => (
            <section aria-labelledby={`tag-${slug(tag.name)}`}>
              <h2 id={`tag-${slug(tag.name)}`}>{tag.name}</h2>
              {tag.description !== undefined && <p>{tag.description}</p>}
              {operations
                .filter((o) => o.op.tags.includes(tag.name))
                .map((o) => (
                  <OperationView operation={o} />
                ))}
            </section>
          ))}
        </main>
      </body>
    </html>,
  );
}

function OperationView({ operation }: { readonly operation: Operation }) {
  const { method, path, op } = operation;
  const body = op.requestBody?.content['application/json']?.schema;
  const fields = body === undefined ? [] : bodyFields(body, '', true);
  return (
    <article class="op" id={op.operationId}>
      <h3>
        <span class={`method m-${method}`}>{method}</span>
        <span class="path">{path}</span>
      </h3>
      <p>
        <strong>{op.summary}</strong>
        {op.security !== undefined && op.security.length === 0 ? (
          <span class="muted"> (no authentication)</span>
        ) : null}
      </p>
      {op.description !== undefined && <p>{op.description}</p>}
      {op.parameters.length > 0 && (
        <>
          <h4>Parameters</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr>
                  <td>
                    <code>{p.name}</code>
                    {p.required ? ' (required)' : ''}
                  </td>
                  <td>{p.in}</td>
                  <td>{typeOf(p.schema)}</td>
                  <td>{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {fields.length > 0 && (
        <>
          <h4>Body fields{op.requestBody?.required === true ? '' : ' (body optional)'}</h4>
          <p class="muted">JSON as shown by the nesting, or form fields with the same names.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr>
                  <td>
                    <code>{f.name}</code>
                    {f.required ? ' (required)' : ''}
                  </td>
                  <td>{f.type}</td>
                  <td>{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h4>Responses</h4>
      <ul>
        {Object.entries(op.responses).map(([status, response]) => (
          <li>
            <code>{status}</code> {response.description}
          </li>
        ))}
      </ul>
    </article>
  );
}

interface FieldRow {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

/** Flattens a body schema into form-style field names: `incident[name]`, `incident[components][<id>]`, `incident[component_ids][]`. */
function bodyFields(schema: JsonSchema, prefix: string, required: boolean): FieldRow[] {
  if (schema.properties !== undefined) {
    return Object.entries(schema.properties).flatMap(([key, child]) =>
      bodyFields(child, prefix === '' ? key : `${prefix}[${key}]`, (schema.required ?? []).includes(key)),
    );
  }
  const description = schema.description ?? '';
  if (typeof schema.additionalProperties === 'object') {
    return [
      { name: `${prefix}[<id>]`, type: typeOf(schema.additionalProperties), required: false, description },
    ];
  }
  if (schema.type === 'array')
    return [{ name: `${prefix}[]`, type: `list of ${typeOf(schema.items ?? {})}`, required, description }];
  return [{ name: prefix, type: typeOf(schema), required, description }];
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum !== undefined)
    return `one of ${schema.enum.map((v) => (v === '' ? '""' : String(v))).join(', ')}`;
  if (schema.anyOf !== undefined) return schema.anyOf.map(typeOf).join(' or ');
  const type = typeof schema.type === 'string' ? schema.type : (schema.type?.join(' or ') ?? 'any');
  if (schema.format !== undefined) return `${type} (${schema.format})`;
  if (type === 'array') return `list of ${typeOf(schema.items ?? {})}`;
  return type;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
