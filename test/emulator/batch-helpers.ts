import { timeAt } from './http-helpers';

/** One im.message.like command as a batch carries it. */
export function likeCommand(messageId: number, action = 'plus'): string {
  return `im.message.like?MESSAGE_ID=${messageId}&ACTION=${action}`;
}

type SectionName = 'result' | 'result_error' | 'result_total' | 'result_next' | 'result_time';
type Section = unknown[] | Record<string, unknown>;

/**
 * The exact answer of a batch made at `now` (unix seconds, manual clock): sections not given are
 * empty, which PHP's json_encode writes as `[]`. The outer batch counts no operating time.
 */
export function batchAnswer(now: number, sections: Partial<Record<SectionName, Section>>) {
  return {
    result: { result: [], result_error: [], result_total: [], result_next: [], result_time: [], ...sections },
    time: timeAt(now),
  };
}
