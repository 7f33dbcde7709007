import { parse } from 'graphql';
import { tokenLimitError } from '../../src/limits/token-limit';

/** The error graphql-js raises parsing `document` with a limit of `maxTokens`. */
function parseError(document: string, maxTokens: number): unknown {
  try {
    parse(document, { maxTokens });
  } catch (error) {
    return error;
  }
  throw new Error('the document parsed');
}

const LIMIT = { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', max: 5 };

describe('tokenLimitError', () => {
  it('recognises the parse failure at the first token past the limit', () => {
    expect(tokenLimitError(parseError('{ a b c d e f }', 5), 5)).toEqual({
      message: 'Token limit of 5 exceeded.',
      extensions: LIMIT,
    });
  });

  it('does not take a syntax error in a long document for the limit', () => {
    expect(tokenLimitError(parseError('{ a ( } b c d e f g h }', 50), 5)).toBeUndefined();
  });

  it('does not take a lexical error for the limit', () => {
    expect(tokenLimitError(parseError('{ a ~ b c d e f g }', 50), 5)).toBeUndefined();
  });

  it('counts past comments, as the parser does', () => {
    expect(tokenLimitError(parseError('# note\n{ a b c d e f }', 5), 5)).toMatchObject({ extensions: LIMIT });
  });

  it('leaves errors without a source alone', () => {
    expect(tokenLimitError(new Error('x'), 5)).toBeUndefined();
  });
});
