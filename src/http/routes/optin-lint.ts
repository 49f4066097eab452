import { Type } from '@sinclair/typebox';
import { lintOptIn, OPT_IN_ELEMENTS, OptInFormTooLarge } from '../../core/optin-lint.js';
import { UserError } from '../../errors.js';
import { accountOf } from '../auth.js';
import type { App } from '../deps.js';
import { SpanSchema } from '../../services/index.js';
import { errorResponses, literals, strict } from '../schemas/common.js';

const FORM_MAX = 200_000;

const OptInLintBody = Type.Object({
  html: Type.Optional(Type.String({ minLength: 1, maxLength: FORM_MAX, description: "The opt-in form's HTML" })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: FORM_MAX, description: "The opt-in form's visible text" })),
  brandName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "The brand the form must show; default the account's brand name" })),
  marketing: Type.Optional(Type.Boolean({ description: 'Whether the program sends marketing (default true: the strict reading)' })),
}, strict);

const OptInLintAnswer = Type.Object({
  ok: Type.Boolean(),
  format: literals(['html', 'text'] as const),
  findings: Type.Array(Type.Object({
    element: literals(OPT_IN_ELEMENTS),
    status: literals(['present', 'missing', 'problem'] as const),
    message: Type.String(),
    fix: Type.Optional(Type.String()),
    span: Type.Optional(SpanSchema),
  }, strict)),
}, { ...strict, title: 'OptInLintResult' });

/** `POST /v1/optin-lint`: what carriers will reject in an opt-in form (the CLI's `optin-lint`), nothing stored. */
export function optinLintRoutes(app: App): void {
  app.post('/v1/optin-lint', {
    schema: {
      summary: 'Check an opt-in form (HTML or text) against what carriers require at campaign review',
      tags: ['evaluate'],
      security: [{ bearer: [] }],
      body: OptInLintBody,
      response: { 200: OptInLintAnswer, ...errorResponses(400, 401) },
    },
  }, (request) => {
    const { html, text, brandName, marketing } = request.body;
    if ((html === undefined) === (text === undefined)) throw new UserError('INVALID_INPUT', 'send exactly one of html or text', { field: 'html' });
    try {
      return Promise.resolve(lintOptIn(html ?? text ?? '', {
        brandName: brandName ?? accountOf(request).brandName,
        ...(marketing === undefined ? {} : { marketing }),
      }));
    } catch (e) {
      if (e instanceof OptInFormTooLarge) throw new UserError('INVALID_INPUT', e.message, { cause: e, field: html === undefined ? 'text' : 'html' });
      throw e;
    }
  });
}
