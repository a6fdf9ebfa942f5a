/**
 * A reader for Airtable formulas (`filterByFormula`), strict enough to tell whether a formula is
 * well formed and what its string literals say once unescaped. Strings are '…' or "…" with
 * backslash escapes; fields are {Name}; functions are NAME(…); operators & + - * / = != < > <= >=.
 */
export interface FormulaReading {
  literals: string[];
  fields: string[];
  functions: string[];
}

export function readFormula(formula: string): FormulaReading {
  const out: FormulaReading = { literals: [], fields: [], functions: [] };
  let depth = 0;
  let i = 0;
  // What may come next: an operand (value, field, function, "(") or an operator/","/")".
  let expectOperand = true;
  const fail = (why: string): never => {
    throw new Error(`malformed formula at ${i} (${why}): ${formula}`);
  };
  while (i < formula.length) {
    const c = formula[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (!expectOperand) fail('string where an operator was expected');
      let value = '';
      i++;
      for (;;) {
        if (i >= formula.length) fail('unterminated string');
        const d = formula[i];
        if (d === '\\') {
          if (i + 1 >= formula.length) fail('dangling backslash');
          value += formula[i + 1];
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      out.literals.push(value);
      expectOperand = false;
    } else if (c === '{') {
      if (!expectOperand) fail('field where an operator was expected');
      const end = formula.indexOf('}', i);
      if (end < 0) fail('unterminated field');
      out.fields.push(formula.slice(i + 1, end));
      i = end + 1;
      expectOperand = false;
    } else if (/[A-Z_]/.test(c)) {
      if (!expectOperand) fail('name where an operator was expected');
      const name = /^[A-Z_][A-Z0-9_]*/.exec(formula.slice(i))![0];
      i += name.length;
      while (/\s/.test(formula[i] ?? '')) i++;
      if (formula[i] !== '(') fail(`function ${name} without "("`);
      out.functions.push(name);
      depth++;
      i++;
      expectOperand = true;
      if (formula[i] === ')') {
        // A function without arguments: NOW(), LAST_MODIFIED_TIME().
        depth--;
        i++;
        expectOperand = false;
      }
    } else if (/[0-9.]/.test(c)) {
      if (!expectOperand) fail('number where an operator was expected');
      i += /^[0-9]*\.?[0-9]+/.exec(formula.slice(i))?.[0].length ?? fail('bad number');
      expectOperand = false;
    } else if (c === '(') {
      if (!expectOperand) fail('"(" where an operator was expected');
      depth++;
      i++;
    } else if (c === ')') {
      if (expectOperand || depth === 0) fail('unbalanced ")"');
      depth--;
      i++;
    } else if (c === ',') {
      if (expectOperand || depth === 0) fail('"," outside a call');
      i++;
      expectOperand = true;
    } else {
      const op = /^(?:!=|<=|>=|[&+\-*/=<>])/.exec(formula.slice(i))?.[0];
      if (!op) fail(`unexpected "${c}"`);
      if (expectOperand && op !== '-') fail(`operator ${op} without a left operand`);
      i += op!.length;
      expectOperand = true;
    }
  }
  if (depth !== 0) fail('unbalanced "("');
  if (expectOperand) fail('ends with an operator');
  return out;
}

/** The formula-safe form of a string: the production escaper, which the reader's tests exercise. */
export { formulaString } from '../../src/airtable/formula';
