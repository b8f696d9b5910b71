import MagicString from 'magic-string';
import type { Plugin } from 'vite';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface TemplateLiteral extends Node {
  quasis: Node[];
}

/**
 * Squeezes CSS as a CSS minifier would: no comments, no line breaks, no spaces around `{ } ; , > /`, after `:` or
 * before `!important`, no quotes around identifier attribute values (`[part=name]`), no leading
 * zero before a decimal point (`.5rem`).
 */
function squeezeCss(text: string): string {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\s*([{};,>/])\s*/g, '$1')
      // Only after a colon: before one, a space is a descendant combinator (`:host ::slotted(img)`).
      .replace(/:\s+/g, ':')
      .replace(/\[([\w-]+[~|^$*]?=)'([a-z][\w-]*)'\]/gi, '[$1$2]')
      .replace(/;}/g, '}')
      .replace(/\s+!important/g, '!important')
      .replace(/([^\w.-])0\.(\d)/g, '$1.$2')
  );
}

/** HTML's void elements (HTML §13.1.2): a `/` before their `>` means nothing. */
const VOID = /^<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b/i;

/** Stands for an expression while the static parts of an `html` template are read as one text. */
const HOLE = '\ue000'; // a private-use character, in no template

/**
 * Squeezes the static text of an `html` template, its parts (`quasis`) read as one text with
 * {@link HOLE} where the expressions go, so a tag split by expressions is still one tag:
 * - a line break and its indentation mean no more than one space;
 * - inside a tag, no space before its `>`, no `/` closing a void element (`<img … />`), and no
 *   quotes around a static value made only of letters, digits, `_` and `-` (an unquoted value
 *   may hold anything but whitespace, quotes, `=<>` and a backtick: HTML §13.1.2.3); an empty
 *   value is left out (`alt=""` is `alt`). Values with an expression keep their quotes.
 * Only the text inside a tag changes besides whitespace, so text content stays as it is.
 */
function squeezeHtml(parts: string[]): string[] {
  const text = parts
    .join(HOLE)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/<[a-z][^<>]*>/gi, (tag) =>
      tag
        .replace(/(\s[^\s"'<>/=\ue000]+)="([\w-]*)"(?=[\s/>])/g, (_, name: string, value: string) =>
          value ? `${name}=${value}` : name,
        )
        .replace(VOID.test(tag) ? /\s*\/?>$/ : /\s+>$/, '>'),
    );
  return text.split(HOLE);
}

/** The template literal whose static text is CSS or HTML, and which squeeze applies to its parts. */
function template(node: Node): [TemplateLiteral, (parts: string[]) => string[]] | undefined {
  const name = (callee: unknown) =>
    (callee as Node).type === 'Identifier' ? (callee as { name: string }).name : '';
  // Whitespace at the very start or end of a style sheet means nothing (next to an expression it may).
  const css = (parts: string[]): string[] =>
    parts.map((part, i) => {
      const text = squeezeCss(part);
      const start = i === 0 ? text.trimStart() : text;
      return i === parts.length - 1 ? start.trimEnd() : start;
    });
  // css`…` and html`…`
  if (node.type === 'TaggedTemplateExpression') {
    const tag = name(node.tag);
    const squeeze = tag === 'css' ? css : tag === 'html' ? squeezeHtml : undefined;
    return squeeze && [node.quasi as TemplateLiteral, squeeze];
  }
  // unsafeCSS(`…`)
  const [argument] = (node.arguments ?? []) as Node[];
  if (
    node.type === 'CallExpression' &&
    name(node.callee) === 'unsafeCSS' &&
    argument?.type === 'TemplateLiteral'
  )
    return [argument as TemplateLiteral, css];
  return undefined;
}

/** Calls `visit` on every node of an ESTree AST. */
function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node && typeof node === 'object') {
    if (typeof (node as Node).type === 'string') visit(node as Node);
    for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value, visit);
  }
}

/**
 * Collapses the whitespace in the widget's Lit templates (`css`…``, `unsafeCSS(`…`)`,
 * `html`…``), which no JS minifier touches (they are strings to it). Only their static text
 * changes; expressions, other strings and Lit itself stay as they are. Used by both builds
 * (vite.config.ts and widget/vite.script.config.ts), with source maps.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (
        !id.includes('/widget/') ||
        id.includes('/node_modules/') ||
        !/\b(css|html)`|\bunsafeCSS\(/.test(code)
      )
        return null;
      const output = new MagicString(code);
      walk(this.parse(code), (node) => {
        const [literal, squeeze] = template(node) ?? [];
        if (!literal) return;
        const texts = literal.quasis.map((quasi) => code.slice(quasi.start, quasi.end));
        squeeze!(texts).forEach((squeezed, i) => {
          const { start, end } = literal.quasis[i]!;
          if (squeezed !== texts[i]) output.overwrite(start, end, squeezed);
        });
      });
      return output.hasChanged()
        ? { code: output.toString(), map: output.generateMap({ hires: true }) }
        : null;
    },
  };
}
