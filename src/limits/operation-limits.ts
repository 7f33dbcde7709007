import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { OperationLimitError, type OperationLimitName } from '../errors/gateway-errors';
import { likeMessageFieldsRule } from './like-message-fields.rule';

/**
 * Limits on one GraphQL request, sized for this schema rather than taken from library defaults: every
 * `likeMessage` field is an outbound call against Bitrix24's budget of 2 requests per second.
 */
export interface OperationLimits {
  /** `likeMessage` fields (distinct response keys, so aliases count) per operation. */
  readonly likeMessageFields: number;
  /** Likes per operation: `likeMessage` fields and `likeMessages` items, counted with the variables. */
  readonly likes: number;
  /** Aliases anywhere in the operation (`__typename` aside). */
  readonly aliases: number;
  /** Nesting of fields; fragments do not add levels. */
  readonly depth: number;
  /** Lexical tokens in the document; checked while parsing, so a huge document is never fully parsed. */
  readonly tokens: number;
  /** graphql-armor's cost: 1 per scalar, 2 per object, times 1.5 per level of nesting. */
  readonly cost: number;
  readonly directives: number;
  /** Request body size, enforced before the body is parsed. */
  readonly bodyBytes: number;
}

/**
 * The largest useful operation asks for 5 likes with every field of the result: 245 tokens, depth 3, cost 160.
 * GraphiQL's introspection query is 184 tokens (`__schema` is exempt from depth and cost).
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  likeMessageFields: 5,
  likes: 50,
  aliases: 10,
  depth: 5,
  tokens: 500,
  cost: 500,
  directives: 10,
  bodyBytes: 64 * 1024,
};

/** Validation rules for every limit but tokens and body size, each reporting an OperationLimitError. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const report = (limit: OperationLimitName, max: number) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        // The rules word their errors as syntax errors; the rest of the message says what was found.
        context?.reportError(
          new OperationLimitError(error.message.replace(/^Syntax Error: /, ''), { limit, max }),
        ),
    ],
  });
  const armor = new ApolloArmor({
    maxAliases: { n: limits.aliases, ...report('aliases', limits.aliases) },
    maxDepth: { n: limits.depth, flattenFragments: true, ...report('depth', limits.depth) },
    costLimit: { maxCost: limits.cost, flattenFragments: true, ...report('cost', limits.cost) },
    maxDirectives: { n: limits.directives, ...report('directives', limits.directives) },
    // Tokens are counted by graphql-js itself (parseOptions.maxTokens); suggestions are hidden elsewhere.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return [likeMessageFieldsRule(limits.likeMessageFields), ...armor.protect().validationRules];
}
