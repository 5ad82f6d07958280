import ts from 'typescript';

/** Which name an algorithm argument carries, so it is checked against the right list. */
export type NameKind = 'digest' | 'cipher' | 'keyCipher' | 'keyType' | 'curve' | 'padding';

/** One call into node:crypto: the API and the algorithm names it can receive (null: not statically known). */
export type CryptoUse = { file: string; line: number; api: string; kind: NameKind | null; names: string[] | null };

/** For each node:crypto function: which argument names an algorithm (the rest take none). */
const algorithmArgument: Record<string, [number, NameKind]> = {
  createHash: [0, 'digest'],
  hash: [0, 'digest'],
  createHmac: [0, 'digest'],
  createSign: [0, 'digest'],
  createVerify: [0, 'digest'],
  sign: [0, 'digest'],
  verify: [0, 'digest'],
  pbkdf2: [4, 'digest'],
  pbkdf2Sync: [4, 'digest'],
  hkdf: [0, 'digest'],
  hkdfSync: [0, 'digest'],
  createCipheriv: [0, 'cipher'],
  createDecipheriv: [0, 'cipher'],
  generateKeyPair: [0, 'keyType'],
  generateKeyPairSync: [0, 'keyType'],
  generateKey: [0, 'keyType'],
  generateKeySync: [0, 'keyType'],
  createECDH: [0, 'curve'],
};

/** Options objects name algorithms too: a key's PEM `cipher`, an EC key's curve, an RSA padding, a PSS hash. */
const algorithmOption: Record<string, NameKind> = {
  cipher: 'keyCipher',
  namedCurve: 'curve',
  padding: 'padding',
  hashAlgorithm: 'digest',
  mgf1HashAlgorithm: 'digest',
  oaepHash: 'digest',
};

const cryptoModules = new Set(['crypto', 'node:crypto']);
const isCryptoRequire = (node: ts.Node): boolean =>
  ts.isCallExpression(node) &&
  ts.isIdentifier(node.expression) &&
  node.expression.text === 'require' &&
  node.arguments.length === 1 &&
  ts.isStringLiteralLike(node.arguments[0]!) &&
  cryptoModules.has(node.arguments[0].text);
const containsCryptoRequire = (node: ts.Node): boolean =>
  isCryptoRequire(node) || (ts.forEachChild(node, (child) => containsCryptoRequire(child) || undefined) ?? false);

/**
 * Every call into node:crypto in one source file, TypeScript or JavaScript (ES imports, `require('crypto')`,
 * esbuild's `__toESM(require('node:crypto'))`), with the algorithm names each can receive, followed through
 * constants, lookup tables, conditionals and literal-typed parameters within the file.
 */
export function cryptoUses(file: string, text: string): CryptoUse[] {
  if (!/['"](node:)?crypto['"]/.test(text)) return [];
  const { source, checker } = parse(file, text);
  const functions = new Map<string, string>(); // local name → crypto API
  const namespaces = new Set<string>(); // local names bound to the module itself
  /** What an identifier was declared as, in its own scope: an initializer, or a parameter's type. */
  const declarationsOf = (id: ts.Identifier): ts.Node[] | undefined =>
    checker.getSymbolAtLocation(id)?.declarations?.flatMap((d): ts.Node[] => {
      const declared = ts.isVariableDeclaration(d)
        ? d.initializer
        : ts.isParameter(d)
          ? (d.type ?? d.initializer)
          : null;
      return declared ? [declared] : [];
    });

  const visitBindings = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (cryptoModules.has(node.moduleSpecifier.text) && node.importClause) {
        const { name, namedBindings } = node.importClause;
        if (name) namespaces.add(name.text);
        if (namedBindings && ts.isNamespaceImport(namedBindings)) namespaces.add(namedBindings.name.text);
        if (namedBindings && ts.isNamedImports(namedBindings)) {
          for (const element of namedBindings.elements) {
            functions.set(element.name.text, (element.propertyName ?? element.name).text);
          }
        }
      }
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      if (ts.isIdentifier(node.name)) {
        if (containsCryptoRequire(node.initializer)) namespaces.add(node.name.text);
      } else if (ts.isObjectBindingPattern(node.name) && containsCryptoRequire(node.initializer)) {
        for (const element of node.name.elements) {
          if (ts.isIdentifier(element.name)) {
            const api = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName : null;
            functions.set(element.name.text, (api ?? element.name).text);
          }
        }
      }
    }
    ts.forEachChild(node, visitBindings);
  };
  visitBindings(source);

  /** The module object: `crypto`, `crypto.default`, `import_node_crypto.default`, `require('crypto')`. */
  const isNamespace = (node: ts.Expression): boolean =>
    (ts.isIdentifier(node) && namespaces.has(node.text)) ||
    isCryptoRequire(node) ||
    (ts.isPropertyAccessExpression(node) && node.name.text === 'default' && isNamespace(node.expression));

  /** The crypto API a callee names, if it names one: `createHash`, `crypto.createHash`, `promisify(generateKeyPair)`. */
  const apiOf = (callee: ts.Expression): string | null => {
    if (ts.isIdentifier(callee)) return functions.get(callee.text) ?? null;
    if (ts.isPropertyAccessExpression(callee) && isNamespace(callee.expression)) return callee.name.text;
    if (ts.isCallExpression(callee) && /(^|\.)promisify$/.test(callee.expression.getText()) && callee.arguments[0]) {
      return apiOf(callee.arguments[0]);
    }
    return null;
  };

  const seen = new Set<ts.Node>();
  /** Every string an expression can evaluate to, or null when that cannot be told from this file. */
  const valuesOf = (node: ts.Node | undefined): string[] | null => {
    if (!node) return [];
    if (seen.has(node)) return null;
    seen.add(node);
    try {
      if (ts.isStringLiteralLike(node)) return [node.text];
      if (node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.UndefinedKeyword) return [];
      if (ts.isIdentifier(node) && node.text === 'undefined') return [];
      if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
        return valuesOf(node.expression);
      }
      if (ts.isNonNullExpression(node)) return valuesOf(node.expression);
      if (ts.isConditionalExpression(node)) return union([valuesOf(node.whenTrue), valuesOf(node.whenFalse)]);
      if (
        ts.isBinaryExpression(node) &&
        [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)
      ) {
        return union([valuesOf(node.left), valuesOf(node.right)]);
      }
      // crypto.constants.RSA_PKCS1_PADDING, or `constants` imported by name.
      if (ts.isPropertyAccessExpression(node) && /(^|\.)constants$/.test(node.expression.getText())) {
        return [node.name.text];
      }
      if (ts.isIdentifier(node)) {
        const found = declarationsOf(node);
        return found?.length ? union(found.map(valuesOf)) : null;
      }
      // A lookup table: every value in it.
      if (ts.isElementAccessExpression(node) || ts.isPropertyAccessExpression(node)) {
        const table = ts.isIdentifier(node.expression) ? declarationsOf(node.expression) : undefined;
        const objects = table?.map(unwrap).filter(ts.isObjectLiteralExpression);
        if (!objects?.length) return null;
        const properties = objects.flatMap((o) => o.properties);
        const chosen = ts.isPropertyAccessExpression(node)
          ? properties.filter((p) => p.name?.getText() === node.name.text)
          : properties;
        return union(chosen.map((p) => (ts.isPropertyAssignment(p) ? valuesOf(p.initializer) : null)));
      }
      // Literal types: (hash: 'sha256' | 'sha384') => …
      if (ts.isLiteralTypeNode(node)) return valuesOf(node.literal);
      if (ts.isUnionTypeNode(node)) return union(node.types.map(valuesOf));
      return null;
    } finally {
      seen.delete(node);
    }
  };

  const uses: CryptoUse[] = [];
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const options = (node: ts.Node, api: string) => {
    if (!ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const kind = algorithmOption[property.name.getText()];
      if (kind) uses.push({ file, line: line(property), api, kind, names: valuesOf(property.initializer) });
      options(property.initializer, api);
    }
  };
  const visitCalls = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const api = apiOf(node.expression);
      const args = node.arguments ?? ts.factory.createNodeArray();
      if (api) {
        const [index, kind] = algorithmArgument[api] ?? [];
        uses.push({
          file,
          line: line(node),
          api,
          kind: kind ?? null,
          names: kind === undefined ? [] : valuesOf(args[index!]),
        });
        args.forEach((arg) => options(arg, api));
      } else if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'export') {
        // keyObject.export({ …, cipher }): the PEM encryption of a key.
        args.forEach((arg) => options(arg, 'KeyObject.export'));
      }
    }
    ts.forEachChild(node, visitCalls);
  };
  visitCalls(source);
  // An API used without a call (passed along, or new X509Certificate) still counts as used.
  for (const api of functions.values()) {
    if (!uses.some((use) => use.api === api)) uses.push({ file, line: 0, api, kind: null, names: [] });
  }
  return uses;
}

/** One file on its own (no imports resolved, no lib): enough for the checker to bind names to declarations. */
function parse(file: string, text: string) {
  const options: ts.CompilerOptions = { allowJs: true, noResolve: true, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  host.getSourceFile = (name) => (name === file ? source : undefined);
  const program = ts.createProgram({ rootNames: [file], options, host });
  return { source: program.getSourceFile(file) ?? source, checker: program.getTypeChecker() };
}

function unwrap(node: ts.Node): ts.Node {
  return ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)
    ? unwrap(node.expression)
    : node;
}

function union(lists: (string[] | null)[]): string[] | null {
  return lists.some((list) => list === null) ? null : [...new Set(lists.flat() as string[])];
}
