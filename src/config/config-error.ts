export interface ConfigProblem {
  readonly file: string | null;
  readonly line: number | null;
  readonly path: string;
  readonly message: string;
}

/** Start-up stops with this: every problem at once, each with the file, the line and the fix. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.file === null ? '' : `${p.file}${p.line === null ? '' : `:${p.line}`}: `;
    const path = p.path === '' ? '' : `${p.path}: `;
    return `  ${where}${path}${p.message}`;
  });
  return `The configuration is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
