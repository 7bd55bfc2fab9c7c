import { parse as parseQueryString } from 'node:querystring';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { nestFormFields } from './form-fields.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Body parsing for the manage API only (an encapsulated context): JSON, or form fields nested the
 * Rails way. Clients of Statuspage's API are lenient in ways Fastify is not: a DELETE announcing JSON
 * with no body, or a JSON body sent with no Content-Type at all (Go's http.NewRequest does that).
 */
export function registerManageBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  const parseJson = (request: FastifyRequest, body: string, done: Done) => {
    if (body.trim() === '') return done(null, undefined);
    void json(request, body, done);
  };
  const parseForm = (body: string, done: Done) => done(null, nestFormFields(parseQueryString(body)));

  if (app.hasContentTypeParser(JSON_TYPE)) app.removeContentTypeParser(JSON_TYPE);
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (request, body, done) =>
    parseJson(request, body as string, done),
  );

  if (app.hasContentTypeParser(FORM)) app.removeContentTypeParser(FORM);
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) =>
    parseForm(body as string, done),
  );

  // A subscriber import (text/csv) is taken as it comes.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const textBody = body as string;
    const first = textBody.trimStart()[0];
    if (first === '{' || first === '[') return parseJson(request, textBody, done);
    if (textBody.trim() === '') return done(null, undefined);
    parseForm(textBody, done);
  });
}
