import type { ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { BadUserInputError } from '../errors/gateway-errors';

/**
 * At most `max` likes per operation: every `likeMessage` field and every `likeMessages` item. Checked once the
 * operation is known and before anything runs, with the variables coerced, since validation rules cannot see
 * variables (and Apollo caches validation per document). Over it: BAD_USER_INPUT, HTTP 400, nothing called.
 */
export function likesPerOperationPlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const found = likesIn(schema, document, operation, request.variables ?? {});
          if (found <= max) return;
          const error = new BadUserInputError(
            `An operation may like at most ${max} messages (likeMessage fields and likeMessages items); found ${found}.`,
          );
          error.extensions.http = { status: 400 };
          throw error;
        },
      };
    },
  };
}

function likesIn(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): number {
  const fragments = new Map(
    document.definitions
      .filter((node): node is FragmentDefinitionNode => node.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fields = new Map<string, FieldNode>();
  collectRootFields(operation.selectionSet, fragments, new Set(), fields);
  let found = 0;
  const bulk: FieldNode[] = [];
  for (const field of fields.values()) {
    if (field.name.value === 'likeMessage') found += 1;
    if (field.name.value === 'likeMessages') bulk.push(field);
  }
  if (bulk.length === 0) return found;
  // Only a bulk field needs the variables, coerced as execution will coerce them.
  const likesArgument = schema.getMutationType()?.getFields().likeMessages?.args[0];
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], inputs).coerced ?? {};
  for (const field of bulk) {
    const node = field.arguments?.find((argument) => argument.name.value === 'likes');
    const value = node && likesArgument ? valueFromAST(node.value, likesArgument.type, variables) : undefined;
    found += Array.isArray(value) ? value.length : 1;
  }
  return found;
}

// Fields with the same response key are merged by GraphQL and run once: keep one per key.
function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visited: Set<string>,
  fields: Map<string, FieldNode>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.set(selection.alias?.value ?? selection.name.value, selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      collectRootFields(selection.selectionSet, fragments, visited, fields);
    else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) collectRootFields(fragment.selectionSet, fragments, visited, fields);
    }
  }
}
