import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** One statement as written in the source: the text, with `${…}` of unknown value left as `xexpr`. */
export interface WrittenStatement { file: string; line: number; sql: string }

/**
 * The SQL passed to `.query(…)` / `.exec(…)` in every file under `dir`: string literals, templates, and
 * module constants they interpolate (built at run time otherwise: those are seen only by the
 * runtime check, when a suite runs them). So a statement no suite runs is still checked.
 */
export function writtenStatements(dir: string): WrittenStatement[] {
  const out: WrittenStatement[] = [];
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const name of files) {
    const file = join(dir, name);
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const consts = new Map<string, string>();
    const text = (n: ts.Node): string | undefined => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
      if (ts.isIdentifier(n)) return consts.get(n.text);
      if (!ts.isTemplateExpression(n)) return undefined;
      return n.head.text + n.templateSpans.map((s) => (text(s.expression) ?? ' xexpr ') + s.literal.text).join('');
    };
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer !== undefined) {
        const t = text(n.initializer);
        if (t !== undefined) consts.set(n.name.text, t);
      }
      const arg = ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['query', 'exec'].includes(n.expression.name.text) ? n.arguments[0] : undefined;
      const sql = arg === undefined ? undefined : text(arg);
      if (sql !== undefined) out.push({ file, line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1, sql });
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return out;
}
