import { CircuitBreakers, CircuitState } from '../../src/bitrix24/circuit-breakers';

let now = 0;
const breakers = () => new CircuitBreakers(2, 1_000, () => now);

beforeEach(() => {
  now = 0;
});

function failTwice(subject: CircuitBreakers): void {
  for (let n = 0; n < 2; n += 1) subject.record('acme', subject.admit('acme') ?? 'closed', true);
}

describe('CircuitBreakers', () => {
  it('opens after consecutive portal failures and fails fast until the cooldown ends', () => {
    const subject = breakers();
    failTwice(subject);
    expect(subject.admit('acme')).toBeNull();
    now = 999;
    expect(subject.admit('acme')).toBeNull();
    expect(subject.states()).toEqual(new Map([['acme', CircuitState.Open]]));
  });

  it('lets one probe through after the cooldown; the others fail fast while it runs', () => {
    const subject = breakers();
    failTwice(subject);
    now = 1_000;
    expect([subject.admit('acme'), subject.admit('acme')]).toEqual(['probe', null]);
    subject.record('acme', 'probe', false);
    expect([subject.admit('acme'), subject.states().get('acme')]).toEqual(['closed', CircuitState.Closed]);
  });

  it('opens again for a whole cooldown when the probe fails', () => {
    const subject = breakers();
    failTwice(subject);
    now = 1_000;
    subject.record('acme', subject.admit('acme') ?? 'closed', true);
    now = 1_999;
    expect(subject.admit('acme')).toBeNull();
    now = 2_000;
    expect(subject.admit('acme')).toBe('probe');
  });

  it('counts only consecutive failures', () => {
    const subject = breakers();
    subject.record('acme', 'closed', true);
    subject.record('acme', 'closed', false);
    subject.record('acme', 'closed', true);
    expect(subject.admit('acme')).toBe('closed');
  });
});
