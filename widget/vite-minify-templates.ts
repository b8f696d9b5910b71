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

/** In HTML, a line break and its indentation mean no more than one space. */
function squeezeHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** The template literal whose static text is CSS or HTML, and which squeeze applies to it. */
function template(node: Node): [TemplateLiteral, (text: string) => string] | undefined {
  const name = (callee: unknown) =>
    (callee as Node).type === 'Identifier' ? (callee as { name: string }).name : '';
  // css`…` and html`…`
  if (node.type === 'TaggedTemplateExpression') {
    const tag = name(node.tag);
    const squeeze = tag === 'css' ? squeezeCss : tag === 'html' ? squeezeHtml : undefined;
    return squeeze && [node.quasi as TemplateLiteral, squeeze];
  }
  // unsafeCSS(`…`)
  const [argument] = (node.arguments ?? []) as Node[];
  if (
    node.type === 'CallExpression' &&
    name(node.callee) === 'unsafeCSS' &&
    argument?.type === 'TemplateLiteral'
  )
    return [argument as TemplateLiteral, squeezeCss];
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
        for (const quasi of literal?.quasis ?? []) {
          const text = code.slice(quasi.start, quasi.end);
          const squeezed = squeeze!(text);
          if (squeezed !== text) output.overwrite(quasi.start, quasi.end, squeezed);
        }
      });
      return output.hasChanged()
        ? { code: output.toString(), map: output.generateMap({ hires: true }) }
        : null;
    },
  };
}
