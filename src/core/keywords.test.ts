import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_KEYWORDS } from '../data/keywords.js';
import { classifyInbound, normaliseKeyword, OPT_OUT_PHRASE_RULES } from './keywords.js';
import type { InboundClassification, KeywordOptions } from './types.js';

describe('normaliseKeyword', () => {
  it.each([
    ['STOP', 'STOP'],
    [' Stop!! ', 'STOP'],
    ['stop 🛑', 'STOP'],
    ['🛑 STOP 🛑', 'STOP'],
    ['STOP‼️', 'STOP'],
    ['"Stop"', 'STOP'],
    ['*stop*', 'STOP'],
    ['opt-out', 'OPT OUT'],
    ['Opt_Out', 'OPT OUT'],
    ['opt   out.', 'OPT OUT'],
    ['¡Alto!', 'ALTO'],
    ['  ', ''],
    ['Sí', 'SI'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseKeyword(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const once = normaliseKeyword(s);
      expect(normaliseKeyword(once)).toBe(once);
    }));
  });
});

describe('classifyInbound: whole-message keywords', () => {
  it.each<[string, InboundClassification]>([
    ['STOP', { kind: 'opt_out', keyword: 'STOP', language: 'en' }],
    ['Stop.', { kind: 'opt_out', keyword: 'STOP', language: 'en' }],
    [' STOP!! ', { kind: 'opt_out', keyword: 'STOP', language: 'en' }],
    ['stop 🛑', { kind: 'opt_out', keyword: 'STOP', language: 'en' }],
    ['stopall', { kind: 'opt_out', keyword: 'STOPALL', language: 'en' }],
    ['Unsubscribe', { kind: 'opt_out', keyword: 'UNSUBSCRIBE', language: 'en' }],
    ['cancel', { kind: 'opt_out', keyword: 'CANCEL', language: 'en' }],
    ['END', { kind: 'opt_out', keyword: 'END', language: 'en' }],
    ['quit!', { kind: 'opt_out', keyword: 'QUIT', language: 'en' }],
    ['Revoke', { kind: 'opt_out', keyword: 'REVOKE', language: 'en' }],
    ['optout', { kind: 'opt_out', keyword: 'OPTOUT', language: 'en' }],
    ['OPT OUT', { kind: 'opt_out', keyword: 'OPT OUT', language: 'en' }],
    ['Opt-Out', { kind: 'opt_out', keyword: 'OPT OUT', language: 'en' }],
    ['remove', { kind: 'opt_out', keyword: 'REMOVE', language: 'en' }],
    ['START', { kind: 'opt_in', keyword: 'START', language: 'en' }],
    ['yes!', { kind: 'opt_in', keyword: 'YES', language: 'en' }],
    ['Unstop', { kind: 'opt_in', keyword: 'UNSTOP', language: 'en' }],
    ['HELP', { kind: 'help', keyword: 'HELP', language: 'en' }],
    ['info?', { kind: 'help', keyword: 'INFO', language: 'en' }],
    ['Alto', { kind: 'opt_out', keyword: 'ALTO', language: 'es' }],
    ['PARAR', { kind: 'opt_out', keyword: 'PARAR', language: 'es' }],
    ['cancelar.', { kind: 'opt_out', keyword: 'CANCELAR', language: 'es' }],
    ['Baja', { kind: 'opt_out', keyword: 'BAJA', language: 'es' }],
    ['ayuda', { kind: 'help', keyword: 'AYUDA', language: 'es' }],
    ['ARRET', { kind: 'opt_out', keyword: 'ARRET', language: 'fr' }],
    ['Arrêt!', { kind: 'opt_out', keyword: 'ARRET', language: 'fr' }],
    ['TD', { kind: 'opt_out', keyword: 'TD', language: 'fr' }],
    ['td.', { kind: 'opt_out', keyword: 'TD', language: 'fr' }],
    ['TD Bank', { kind: 'none' }],
    ['', { kind: 'none' }],
    ['🛑', { kind: 'none' }],
  ])('%j', (text, expected) => {
    expect(classifyInbound(text)).toEqual(expected);
  });

  it.each<[string, KeywordOptions, InboundClassification]>([
    ['Alto', { languages: ['en'] }, { kind: 'none' }],
    ['AYUDA', { languages: ['en'] }, { kind: 'none' }],
    ['Alto por favor', { languages: ['en'] }, { kind: 'none' }],
    ['no me manden más mensajes', { languages: ['en'] }, { kind: 'opt_out_phrase', phrase: 'es_no_enviar', language: 'es' }],
    ['STOP', { languages: ['es'] }, { kind: 'none' }],
    ['TD', { languages: ['en', 'es'] }, { kind: 'none' }],
    ['arrêtez svp', { languages: ['en', 'es'] }, { kind: 'none' }],
    ['cancle', { languages: ['es', 'fr'] }, { kind: 'none' }],
    ['S T O P', { languages: ['es'] }, { kind: 'none' }],
    ['please cancel', { languages: ['es'] }, { kind: 'none' }],
    ['stop texting me', { languages: [] }, { kind: 'opt_out_phrase', phrase: 'stop_messaging', language: 'en' }],
    ['Basta', { optOut: ['basta'] }, { kind: 'opt_out', keyword: 'BASTA' }],
    ['not interested', { optOut: ['Not Interested'] }, { kind: 'opt_out', keyword: 'NOT INTERESTED' }],
    ['Join!', { optIn: ['JOIN'] }, { kind: 'opt_in', keyword: 'JOIN' }],
    ['support', { help: ['SUPPORT'] }, { kind: 'help', keyword: 'SUPPORT' }],
    // A word on two lists: opt-out wins over the built-in opt-in.
    ['YES', { optOut: ['yes'] }, { kind: 'opt_out', keyword: 'YES' }],
    // Account additions never remove built-ins.
    ['STOP', { optIn: ['JOIN'] }, { kind: 'opt_out', keyword: 'STOP', language: 'en' }],
  ])('%j with %j', (text, options, expected) => {
    expect(classifyInbound(text, options)).toEqual(expected);
  });

  it('classifies every built-in keyword, whatever its case and surrounding punctuation', () => {
    const entry = fc.constantFrom(...BUILTIN_KEYWORDS);
    const noise = fc.string({ unit: fc.constantFrom(' ', '.', '!', '?', '"', '*', '🛑', '🙏', '\n') });
    fc.assert(fc.property(entry, noise, noise, fc.boolean(), (k, before, after, lower) => {
      const word = lower ? k.keyword.toLowerCase() : k.keyword;
      const got = classifyInbound(`${before}${word}${after}`);
      expect(got).toEqual({ kind: k.kind, keyword: k.keyword, language: k.language });
    }));
  });

  it('never flags text without letters', () => {
    const unit = fc.constantFrom(' ', '.', '!', '1', '7', ':', ')', '😂', '👍', '\n');
    fc.assert(fc.property(fc.string({ unit }), (s) => {
      expect(classifyInbound(s).kind).toBe('none');
    }));
  });
});

describe('classifyInbound: plain-language opt-outs (47 CFR 64.1200(a)(10))', () => {
  it.each<[string, string]>([
    ['please stop', 'keyword_with_filler'],
    ['STOP PLEASE', 'keyword_with_filler'],
    ['i said stop', 'keyword_with_filler'],
    ['stoppp', 'keyword_with_filler'],
    ['Can you please stop?', 'keyword_with_filler'],
    ['Wrong number, stop texting', 'stop_messaging'],
    ["Why won't you stop texting me", 'stop_messaging'],
    ['stop the reminders please', 'stop_messages'],
    ['no more texts', 'no_more_messages'],
    ["I don't want these texts", 'dont_want_messages'],
    ["don't text me again", 'do_not_contact'],
    ['remove me from your list', 'remove_me'],
    ['take me off your list', 'remove_me'],
    ['unsubscribe me', 'remove_me'],
    ['lose my number', 'remove_me'],
    ["I'd like to be removed from your texts", 'want_removed'],
    ['I want out', 'want_out'],
    ['how do I unsubscribe from these?', 'opt_out_request'],
    ['you have the wrong number', 'wrong_number'],
    ["this number is no longer Jim's", 'not_this_person'],
    ['leave me alone', 'leave_me_alone'],
    ['I never signed up for this', 'never_consented'],
    ['why do you keep texting me', 'keep_texting_complaint'],
    ['put me on your do not call list', 'do_not_call_list'],
    ['enough with the texts', 'enough_messages'],
    ['Alto por favor', 'es_keyword_with_filler'],
    ['no me manden más mensajes', 'es_no_enviar'],
    ['Ya no quiero recibir mensajes', 'es_no_quiero'],
    ['Por favor dejen de mandarme mensajes', 'es_dejar_de'],
    ['Quiero darme de baja', 'es_dar_de_baja'],
    ['Bórrenme de su lista', 'es_borrar_de_lista'],
    ['No más mensajes', 'es_no_mas_mensajes'],
    ['número equivocado', 'es_numero_equivocado'],
    // 47 CFR 64.1200(a)(10) per-se words with politeness, whole message only.
    ['please cancel', 'per_se_word_with_politeness'],
    ['Cancel please, thank you', 'per_se_word_with_politeness'],
    ['quit please', 'per_se_word_with_politeness'],
    ['please end', 'per_se_word_with_politeness'],
    ['REVOKE CONSENT', 'revoke_consent'],
    ['I revoke my consent', 'revoke_consent'],
    ['I am revoking all consent to text me', 'revoke_consent'],
    ['cancelar por favor', 'es_cancelar_with_politeness'],
    ['Arrête', 'fr_keyword_with_politeness'],
    ['arrêtez svp', 'fr_keyword_with_politeness'],
    ["STOP s'il vous plaît", 'fr_keyword_with_politeness'],
    ["Arrêtez de m'envoyer des messages", 'fr_arreter_de'],
    ['arrête de me texter', 'fr_arreter_de'],
    ['je veux me désabonner', 'fr_desabonner'],
    ['désabonnez-moi', 'fr_desabonner'],
  ])('%j → %s', (text, phrase) => {
    const got = classifyInbound(text);
    expect(got.kind).toBe('opt_out_phrase');
    expect(got.phrase).toBe(phrase);
    expect(got.language).toBe(/^(es|fr)_/.exec(phrase)?.[1] ?? 'en');
  });

  it.each<[string, 'en' | 'es' | 'fr']>([
    ['Stpo', 'en'],
    ['cancle', 'en'],
    ['Cancell', 'en'],
    ['st0p', 'en'],
    ['ST0P!', 'en'],
    ['Sotp', 'en'],
    ['QUTI', 'en'],
    ['revoek', 'en'],
    ['opt0ut', 'en'],
    ['cancelarr', 'es'],
    ['ARRETT', 'fr'],
  ])('misspelt one-word reply %j → misspelt_keyword (%s)', (text, language) => {
    expect(classifyInbound(text)).toEqual({ kind: 'opt_out_phrase', phrase: 'misspelt_keyword', language });
  });

  it.each<[string, 'en' | 'fr']>([
    ['S T O P', 'en'],
    ['S.T.O.P', 'en'],
    ['s-t-o-p', 'en'],
    ['Q U I T!', 'en'],
    ['S T 0 P', 'en'],
    ['T D', 'fr'],
  ])('spelled-out %j → spelled_out_keyword (%s)', (text, language) => {
    expect(classifyInbound(text)).toEqual({ kind: 'opt_out_phrase', phrase: 'spelled_out_keyword', language });
  });

  it.each([
    "can't stop laughing",
    'what time does it end?',
    'yes 3pm works',
    'cancel my appointment tomorrow',
    "don't stop sending me listings",
    'stop by the office at 3?',
    "I'll stop by",
    'end of the month works',
    'Please stop calling me, text only',
    "Don't text me before 9 please",
    'Take me off the 3pm slot and put me at 4',
    'No more showings this week',
    'Can I opt out of paperless billing?',
    'I gave you the wrong number for my husband',
    'Oops wrong person, ignore that',
    "I didn't unsubscribe, why am I not getting alerts?",
    'Please don\'t remove me from the waitlist',
    'If u go away i will be shattered',
    'Quiero cancelar mi cita del jueves',
    'No me manden la factura todavía',
    'Not interested',
    // Ordinary replies that use a per-se word, revoke, a French stop word or a near-miss of one.
    'can we cancel the 3pm and do 4?',
    'cancel that, I found my keys',
    'Do not cancel please',
    'please end it',
    'quit calling me sweetie lol',
    'quit stalling and send the offer lol',
    'we need to revoke the old power of attorney',
    "I'm not revoking my consent, just confused",
    'cancelar la cita por favor',
    'arrête de rire',
    "on s'arrête où pour dîner?",
    'Je ne veux pas me désabonner',
    'TD Canada Trust pre-approved us',
    'S T O P please',
    'S T A R T',
    'A B C',
    // One-word replies: real words one edit from a keyword, and keywords too short to guess (END).
    'Step',
    'Shop?',
    'Quite!',
    'Quiet',
    'Cancer',
    'Top',
    'Endd',
    'Also',
    'Auto',
    'Para',
    'Remote',
    'Stomp',
    'stop sign on the corner',
    'stpo by at 5',
  ])('%j → none', (text) => {
    expect(classifyInbound(text)).toEqual({ kind: 'none' });
  });

  it('any casing, surrounding whitespace or punctuation of a per-se word with politeness is an opt-out', () => {
    const word = fc.constantFrom('quit', 'end', 'cancel', 'revoke', 'stop', 'unsubscribe', 'opt out');
    const polite = fc.constantFrom('please', 'pls', 'thanks', 'thank you', 'now');
    const noise = fc.string({ unit: fc.constantFrom(' ', '.', '!', ',', '🙏', '\n') });
    fc.assert(fc.property(word, polite, fc.boolean(), noise, noise, fc.boolean(), (w, p, first, before, after, upper) => {
      const body = first ? `${p} ${w}` : `${w}, ${p}`;
      const got = classifyInbound(`${before}${upper ? body.toUpperCase() : body}${after}`);
      expect(got.kind).toBe('opt_out_phrase');
    }));
  });

  it('no ordinary sentence with "stop by", "end of", "cancel the" or "TD" is an opt-out', () => {
    const opener = fc.constantFrom("I'll stop by", 'can I stop by', 'end of the month', 'can we cancel the', 'TD Bank', 'we should end', 'quit calling me');
    const rest = fc.constantFrom('at 5', 'tomorrow?', 'works for me', '3pm and do 4?', 'approved us!', 'on a high note', 'sweetie lol', 'after work', '');
    fc.assert(fc.property(opener, rest, fc.boolean(), (o, r, upper) => {
      const text = `${o} ${r}`;
      expect(classifyInbound(upper ? text.toUpperCase() : text)).toEqual({ kind: 'none' });
    }));
  });

  it('reports a documented rule id for every phrase match', () => {
    const ids = new Set(OPT_OUT_PHRASE_RULES.map((r) => r.id));
    expect(ids.size).toBe(OPT_OUT_PHRASE_RULES.length);
    expect(ids.has(classifyInbound('please stop texting me').phrase ?? '')).toBe(true);
  });

  it('looks only at the first 1,600 characters', () => {
    expect(classifyInbound(`${'ok '.repeat(600)} stop texting me`).kind).toBe('none');
    expect(classifyInbound(`stop texting me ${'ok '.repeat(600)}`).kind).toBe('opt_out_phrase');
  });
});
