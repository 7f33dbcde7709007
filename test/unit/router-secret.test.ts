import { RouterSecret } from '../../src/auth/router-secret';
import { Secret } from '../../src/secret';

const SECRET = 'r0uter-s3cret-0123456789';
const router = new RouterSecret(new Secret(SECRET));

function rejection(header: string | string[] | undefined): unknown {
  try {
    router.assertSentBy(header);
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: unknown };
    return { message, extensions };
  }
  return 'accepted';
}

describe('RouterSecret', () => {
  it('accepts exactly the secret', () => {
    expect(rejection(SECRET)).toBe('accepted');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a prefix', SECRET.slice(0, -1)],
    ['a longer value', `${SECRET}0`],
    ['another case', SECRET.toUpperCase()],
    ['surrounding blanks', ` ${SECRET}`],
    ['a bearer form', `Bearer ${SECRET}`],
    ['a repeated header', [SECRET, SECRET]],
  ])('refuses %s with UNAUTHENTICATED and HTTP 401', (_case, header) => {
    expect(rejection(header)).toEqual({
      message: 'This subgraph answers only its router: Router-Authorization is missing or wrong',
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });
});
