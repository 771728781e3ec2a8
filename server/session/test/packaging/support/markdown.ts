/** A fenced code block of a Markdown file, with the heading it sits under. */
export interface CodeBlock {
  /** The info string after the fence (`ts`, `sh`), or `''`. */
  lang: string
  code: string
  /** The text of the nearest heading above the block. */
  heading: string
}

/** Every fenced (```) code block of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  let heading = ''
  let open: { lang: string; lines: string[] } | null = null
  for (const line of markdown.split('\n')) {
    if (open) {
      if (line.startsWith('```')) {
        blocks.push({ lang: open.lang, code: open.lines.join('\n') + '\n', heading })
        open = null
      } else {
        open.lines.push(line)
      }
    } else if (line.startsWith('```')) {
      open = { lang: line.slice(3).trim(), lines: [] }
    } else if (/^#{1,6} /.test(line)) {
      heading = line.replace(/^#+ /, '').trim()
    }
  }
  if (open) throw new Error(`a code block under "${heading}" is never closed`)
  return blocks
}

/** The code blocks under `heading` (and its subheadings, up to the next heading of its level). */
export function blocksUnder(markdown: string, heading: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const start = lines.findIndex(
    (line) => /^#{1,6} /.test(line) && line.replace(/^#+ /, '').trim() === heading,
  )
  if (start < 0) throw new Error(`no heading "${heading}"`)
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => new RegExp(`^#{1,${level}} `).test(line))
  return codeBlocks(lines.slice(start, end < 0 ? undefined : start + 1 + end).join('\n'))
}

/**
 * The targets of the relative links (`[text](target)`) of `markdown`, without anchors: on npm
 * they resolve inside the package, so each must be one of its files.
 */
export function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '')
  return targets
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.replace(/#.*$/, '').replace(/^\.\//, ''))
}
