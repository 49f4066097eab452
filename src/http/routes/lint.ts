import { Type } from '@sinclair/typebox';
import { lintMessage } from '../../core/lint.js';
import { accountOf } from '../auth.js';
import type { App } from '../deps.js';
import { errorResponses, PurposeSchema, ReasonSchema, SegmentsSchema, strict } from '../schemas/common.js';

const LintBody = Type.Object({
  body: Type.String({ maxLength: 4096, description: 'The message or template to check' }),
  purpose: Type.Optional(PurposeSchema),
  firstMessage: Type.Optional(Type.Boolean({ description: 'Check it as the first text to a recipient: sender ID and opt-out language required (default false)' })),
  brandName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "The brand the text must name; default the account's brand name and aliases" })),
  autofix: Type.Optional(Type.Boolean({ description: 'Add the sender ID and opt-out language instead of reporting them missing' })),
}, strict);

const LintAnswer = Type.Object({
  verdict: Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('ok')], { description: 'block when a finding blocks, warn when one warns' }),
  body: Type.String({ description: 'The text checked: the input, or the amended one when autofix added text' }),
  reasons: Type.Array(ReasonSchema),
  segments: SegmentsSchema,
}, { ...strict, title: 'LintResult' });

/**
 * `POST /v1/lint`: the checks of a text on its own (the CLI's `lint`): content, sender
 * identification, opt-out language, segments. No recipient, so no consent, quiet hours or number
 * checks (POST /v1/evaluate has those); nothing stored.
 */
export function lintRoutes(app: App): void {
  app.post('/v1/lint', {
    schema: {
      summary: 'Check a message template on its own (no recipient); nothing is stored',
      tags: ['evaluate'],
      security: [{ bearer: [] }],
      body: LintBody,
      response: { 200: LintAnswer, ...errorResponses(400, 401) },
    },
  }, (request) => {
    const { body, purpose, firstMessage, brandName, autofix } = request.body;
    const account = accountOf(request);
    const optOut = account.settings.keywords?.optOut;
    const result = lintMessage(body, {
      purpose: purpose ?? 'marketing',
      firstMessage: firstMessage ?? false,
      brandName: brandName ?? account.brandName,
      ...(brandName === undefined ? { brandAliases: account.brandAliases } : {}),
      ...(optOut === undefined ? {} : { optOutKeywords: optOut }),
      autofix: autofix ?? false,
    });
    const verdict = result.reasons.some((r) => r.severity === 'block') ? 'block' : result.reasons.some((r) => r.severity === 'warn') ? 'warn' : 'ok';
    return Promise.resolve({ verdict, ...result });
  });
}
