import type { SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { Kind } from 'graphql';
import { OperationLimitError } from '../errors/gateway-errors';

const FIELD = 'likeMessage';

/**
 * At most `max` likeMessage fields per operation. Fields with the same response key are merged by GraphQL
 * and run once, so distinct response keys are counted, through inline fragments and fragment spreads.
 */
export function likeMessageFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const found = responseKeys(context, operation.selectionSet, new Set()).size;
      if (found <= max) return;
      context.reportError(
        new OperationLimitError(`likeMessage limit of ${max} per operation exceeded, found ${found}.`, {
          limit: 'likeMessageFields',
          max,
        }),
      );
    },
  });
}

// likeMessage is a root field, so only the root selection set (and fragments spread into it) can hold it.
function responseKeys(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  visited: Set<string>,
  keys = new Set<string>(),
): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === FIELD) keys.add(selection.alias?.value ?? FIELD);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      responseKeys(context, selection.selectionSet, visited, keys);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) responseKeys(context, fragment.selectionSet, visited, keys);
    }
  }
  return keys;
}
