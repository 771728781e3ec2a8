import { blocksUnder } from './markdown'

/**
 * The `npm install …` commands of a README's "Install" section, as argument lists (`-D`
 * included, shell comments cut).
 */
export function installCommands(readme: string): string[][] {
  return blocksUnder(readme, 'Install')
    .filter((block) => block.lang === 'sh')
    .flatMap((block) => block.code.split('\n'))
    .map((line) => line.replace(/#.*$/, '').trim().split(/\s+/))
    .filter((words) => words[0] === 'npm' && words[1] === 'install')
    .map((words) => words.slice(2))
}

/** The one install command that names `pkg`; throws if none or several do. */
export function installCommandWith(commands: readonly string[][], pkg: string): string[] {
  const matching = commands.filter((args) => args.includes(pkg))
  if (matching.length !== 1) {
    throw new Error(`expected one install line with ${pkg}, found ${matching.length}`)
  }
  return matching[0] ?? []
}

/** The TypeScript code block under `heading` that imports `module`; throws unless exactly one. */
export function exampleImporting(readme: string, heading: string, module: string): string {
  const examples = blocksUnder(readme, heading).filter(
    (block) => block.lang === 'ts' && block.code.includes(`from '${module}'`),
  )
  if (examples.length !== 1) {
    throw new Error(
      `expected one example importing ${module} under "${heading}", found ${examples.length}`,
    )
  }
  return examples[0]?.code ?? ''
}

/**
 * `code` with each literal replaced: the test points an example at its own port and
 * services and changes nothing else. A literal the example no longer contains throws, so a
 * README edit cannot silently leave an example untested.
 */
export function substitute(code: string, replacements: Readonly<Record<string, string>>): string {
  let result = code
  for (const [literal, replacement] of Object.entries(replacements)) {
    if (!result.includes(literal)) throw new Error(`the example no longer contains ${literal}`)
    result = result.split(literal).join(replacement)
  }
  return result
}
