import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';

/**
 * Every key the renderer passes to t() must be a message in both language files. Keys are read from the type
 * checker, not from the text: t(`minutes.${x}`) counts as every key x's type allows, and a key whose type cannot
 * be listed (a plain string) fails the test, so a dynamic key is always narrowed to the keys that exist.
 */
function renderedKeys(): { keys: Map<string, string>; unlisted: string[] } {
  const config = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.web.json',
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const keys = new Map<string, string>();
  const unlisted: string[] = [];
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    return `${path.relative(process.cwd(), file.fileName)}:${line + 1}`;
  };
  const isT = (callee: ts.Expression) =>
    (ts.isIdentifier(callee) && callee.text === 't') ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 't');
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && isT(node.expression) && node.arguments[0]) {
      const argument = node.arguments[0];
      const type = checker.getTypeAtLocation(argument);
      for (const member of type.isUnion() ? type.types : [type]) {
        if (member.isStringLiteral()) keys.set(member.value, where(argument));
        else unlisted.push(`${where(argument)}: ${checker.typeToString(member)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (file.fileName.includes('/renderer/') && !file.fileName.includes('/renderer/i18n/')) visit(file);
  }
  return { keys, unlisted };
}

function message(messages: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

/** A key used with { count } may be stored as its plural forms (key_one, key_other) instead. */
function present(messages: object, key: string): boolean {
  const exact = message(messages, key);
  if (typeof exact === 'string') return exact.trim() !== '';
  return typeof message(messages, `${key}_other`) === 'string';
}

describe('i18n keys', () => {
  const { keys, unlisted } = renderedKeys();

  it('finds the keys the renderer uses, dynamic ones included', () => {
    expect(keys.size).toBeGreaterThan(300);
    // Template keys resolved by their type: every page of the navigation is a key.
    for (const page of ['meetings', 'topics', 'residents', 'settings']) expect(keys.has(`nav.${page}`)).toBe(true);
  });

  it('has no key whose possible values cannot be listed', () => {
    expect(unlisted).toEqual([]);
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ] as const)('has every used key in %s', (_, messages) => {
    const missing = [...keys].filter(([key]) => !present(messages, key)).map(([key, at]) => `${at}: ${key}`);
    expect(missing).toEqual([]);
  });
});
